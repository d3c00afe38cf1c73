package ferry.pipeline.step;

import ferry.core.session.NameGlob;
import ferry.pipeline.definition.StepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Keeps the files whose name (the last part of the relative name) matches {@code pattern} (a
 * glob, case-insensitive like the source's) and/or {@code regex} (the whole name), and whose size
 * is within {@code min_size}..{@code max_size}; the others leave the run. Files pass through
 * unchanged.
 */
final class FilterStep implements StepRunner {
  private final Predicate<WorkFile> keep;

  FilterStep(StepSpec spec) {
    Predicate<WorkFile> p = f -> true;
    if (spec.string("pattern").isPresent()) {
      NameGlob glob = NameGlob.compile(spec.required("pattern"));
      p = p.and(f -> glob.matches(StepFiles.baseName(f.name())));
    }
    if (spec.string("regex").isPresent()) {
      Pattern re = Pattern.compile(spec.required("regex"));
      p = p.and(f -> re.matcher(StepFiles.baseName(f.name())).matches());
    }
    long min = spec.number("min_size").orElse(0L);
    long max = spec.number("max_size").orElse(Long.MAX_VALUE);
    this.keep = p.and(f -> f.size() >= min && f.size() <= max);
  }

  @Override
  public List<WorkFile> run(StepContext ctx, List<WorkFile> in) {
    List<WorkFile> out = new ArrayList<>();
    for (WorkFile f : in) {
      if (keep.test(f)) out.add(f);
    }
    ctx.log("kept " + out.size() + " of " + in.size() + " files");
    return out;
  }
}
