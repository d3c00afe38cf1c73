package ferry.pipeline.definition;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A pipeline's YAML once parsed and checked against the schema: where files come from, the steps
 * they go through in order, where they are delivered, what starts a run, and who is told.
 * docs/pipelines.md documents the YAML; {@link PipelineYaml} makes this from it.
 */
public record PipelineDefinition(
    Source source, List<StepSpec> steps, List<Destination> destinations, Trigger trigger, Notify notifications) {
  public PipelineDefinition {
    requireNonNull(source, "No source");
    steps = steps == null ? List.of() : List.copyOf(steps);
    destinations = List.copyOf(destinations);
    if (destinations.isEmpty()) throw new IllegalArgumentException("No destination");
    trigger = trigger == null ? Trigger.manual() : trigger;
    notifications = notifications == null ? Notify.NONE : notifications;
  }
}
