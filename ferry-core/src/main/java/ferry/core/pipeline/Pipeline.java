package ferry.core.pipeline;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A stored pipeline: its metadata and the YAML of its current version. Each change of the YAML
 * is a new {@link PipelineVersion}; metadata changes keep the version.
 *
 * @param id the public id (a UUID), used in /api/pipelines/{id}
 * @param identifier the owner's own name for it (unique per owner), e.g. "daily-etl-pipeline"
 * @param customer the owning customer's username; null for a pipeline of the admins
 * @param version the current version, from 1
 * @param triggerType the current YAML's trigger type (manual, cron, upload, poll), kept for the triggers' lookups
 */
public record Pipeline(
    String id,
    String identifier,
    String name,
    String description,
    String customer,
    boolean enabled,
    int version,
    String yaml,
    String triggerType,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {
  public Pipeline {
    requireNonNull(id, "No pipeline id");
    requireNonNull(identifier, "No identifier");
    requireNonNull(name, "No name");
    requireNonNull(yaml, "No yaml");
    requireNonNull(triggerType, "No trigger type");
    description = description == null ? "" : description;
  }

  /** The same pipeline with a new version of its YAML. */
  public Pipeline withYaml(int newVersion, String newYaml, String newTriggerType, Instant at) {
    return new Pipeline(id, identifier, name, description, customer, enabled, newVersion, newYaml, newTriggerType,
        createdBy, createdAt, at);
  }

  /** The same pipeline with new metadata (the YAML and its version unchanged). */
  public Pipeline withMetadata(String newName, String newDescription, boolean newEnabled, Instant at) {
    return new Pipeline(id, identifier, newName, newDescription, customer, newEnabled, version, yaml, triggerType,
        createdBy, createdAt, at);
  }
}
