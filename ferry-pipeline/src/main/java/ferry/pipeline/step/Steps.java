package ferry.pipeline.step;

import ferry.pipeline.definition.StepSpec;
import ferry.pipeline.step.pgp.Pgp;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Makes the runner of each step type the YAML names. */
public final class Steps {
  /** Every step type, as the YAML spells it. */
  public static final List<String> TYPES =
      List.of("filter", "rename", "zip", "unzip", "gzip", "gunzip", "pgp-encrypt", "pgp-decrypt", "pgp-sign",
          "pgp-verify", "checksum", "script", "webhook");

  private Steps() {}

  /**
   * The runner for {@code spec}; an IllegalArgumentException for a type the schema does not know
   * or an option it would have refused (a bad glob, regex or template).
   */
  public static StepRunner runner(StepSpec spec) {
    return runner(spec, Webhooks::new);
  }

  /** As {@link #runner(StepSpec)}, with where a webhook step gets its client (tests give a short timeout). */
  public static StepRunner runner(StepSpec spec, Supplier<Webhooks> webhooks) {
    StepRunner runner =
        switch (spec.type()) {
          case "filter" -> new FilterStep(spec);
          case "rename" -> new RenameStep(spec);
          case "zip" -> new ZipStep(spec);
          case "unzip" -> new UnzipStep(spec);
          case "gzip" -> new GzipStep();
          case "gunzip" -> new GunzipStep(spec);
          case "checksum" -> new ChecksumStep(spec);
          case "pgp-encrypt" -> Pgp.encrypt(spec);
          case "pgp-decrypt" -> Pgp.decrypt(spec);
          case "pgp-sign" -> Pgp.sign(spec);
          case "pgp-verify" -> Pgp.verify(spec);
          case "script" -> new ScriptStep(spec);
          case "webhook" -> new WebhookStep(spec, webhooks.get());
          default -> throw new IllegalArgumentException("unknown step type " + spec.type());
        };
    return new UniqueNames(runner);
  }

  /** Fails a step whose outputs share a name: the destination could hold only one of them. */
  private record UniqueNames(StepRunner inner) implements StepRunner {
    @Override
    public List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws IOException, InterruptedException {
      List<WorkFile> out = inner.run(ctx, in);
      Set<String> seen = new HashSet<>();
      for (WorkFile f : out) {
        if (!seen.add(f.name())) throw new StepFailedException("two files would be named " + f.name(), false);
      }
      return List.copyOf(out);
    }
  }
}
