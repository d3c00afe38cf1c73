package ferry.pipeline.step;

import ferry.pipeline.definition.NameTemplate;
import ferry.pipeline.definition.StepSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives each file a new name from {@code template} ({@link NameTemplate}); a file in a folder
 * stays in it ("in/a.csv" with "{stem}.txt" becomes "in/a.txt"). The bytes are not touched: the
 * output is the input path under the new name.
 */
final class RenameStep implements StepRunner {
  private final NameTemplate template;

  RenameStep(StepSpec spec) {
    this.template = NameTemplate.parse(spec.required("template"));
  }

  @Override
  public List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws StepFailedException {
    List<WorkFile> out = new ArrayList<>();
    for (WorkFile f : in) {
      String name = StepFiles.dirPrefix(f.name()) + StepFiles.expand(template, StepFiles.baseName(f.name()), ctx);
      out.add(f.withName(name));
      ctx.log(f.name() + " -> " + name);
    }
    return out;
  }
}
