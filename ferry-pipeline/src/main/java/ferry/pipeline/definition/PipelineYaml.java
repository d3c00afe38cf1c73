package ferry.pipeline.definition;

import java.util.List;

/**
 * Reads a pipeline's YAML: parses it safely (YAML 1.2, plain maps, lists and scalars, alias and
 * size limits), validates it against the JSON Schema with every problem at the line and column
 * the user wrote, then checks the names it uses (VFS entries, users, secrets, scripts) and the
 * values a schema cannot (cron, time zone, regex, templates).
 */
public final class PipelineYaml {
  private PipelineYaml() {}

  /** The outcome: the definition when {@code problems} is empty, else null. */
  public record Checked(PipelineDefinition definition, List<Problem> problems) {
    public Checked {
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Parses and checks {@code yaml} for an owner who may use what {@code names} allows.
   *
   * @return the definition, or every problem found (syntax errors stop at the first)
   */
  public static Checked check(String yaml, PipelineNames names) {
    throw new UnsupportedOperationException("helper 'definition' builds this");
  }

  /** The JSON Schema (draft 2020-12) of the YAML, as served at GET /api/pipelines/schema. */
  public static String schema() {
    throw new UnsupportedOperationException("helper 'definition' builds this");
  }
}
