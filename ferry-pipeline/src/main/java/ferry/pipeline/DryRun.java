package ferry.pipeline;

import ferry.pipeline.definition.Problem;
import ferry.pipeline.run.SourceFile;
import java.util.List;

/**
 * What a dry-run found: every problem of the YAML, or what the pipeline would do (its trigger type,
 * its steps' types, where it delivers) and, when asked, the files its source would pick now.
 *
 * @param trigger the trigger type; null when the YAML is not valid
 * @param destinations each destination as {@link ferry.pipeline.definition.Location#describe()} gives it
 * @param files the files the source would pick now; null unless valid and asked to simulate
 */
public record DryRun(boolean valid, List<Problem> errors, String trigger, List<String> steps,
    List<String> destinations, List<SourceFile> files) {
  public DryRun {
    errors = List.copyOf(errors);
    steps = List.copyOf(steps);
    destinations = List.copyOf(destinations);
    files = files == null ? null : List.copyOf(files);
  }
}
