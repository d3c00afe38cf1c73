package ferry.pipeline.run;

import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRun;
import ferry.pipeline.definition.StepSpec;
import ferry.pipeline.step.StepFailedException;
import ferry.pipeline.step.StepRunner;
import ferry.pipeline.step.WorkFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one YAML step over the files it gets, trying again as its {@code retry} says: a
 * {@link StepFailedException} that is not retryable ends at once, other I/O failures are tried
 * again after the backoff, which doubles each time. Each attempt starts with an empty output
 * directory and the run's counter where it stood before the step.
 */
final class StepAttempts {
  /** How often a waiting retry looks at the run's cancel and stop. */
  static final Duration WAIT_SLICE = Duration.ofMillis(200);

  private final PipelineRunner r;
  private final PipelineRun run;
  private final Pipeline pipeline;
  private final WorkDir work;
  private final AtomicLong counter;
  private final RunControl control;

  StepAttempts(PipelineRunner r, PipelineRun run, Pipeline pipeline, WorkDir work, AtomicLong counter,
      RunControl control) {
    this.r = r;
    this.run = run;
    this.pipeline = pipeline;
    this.work = work;
    this.counter = counter;
    this.control = control;
  }

  List<WorkFile> run(StepSpec spec, int index, StepRecord step, List<WorkFile> in)
      throws IOException, InterruptedException {
    StepRunner runner = r.steps.apply(spec);
    long counterAtStart = counter.get();
    step.filesIn = in.size();
    step.bytesIn = in.stream().mapToLong(WorkFile::size).sum();
    Instant started = run.startedAt() != null ? run.startedAt() : r.clock.instant();
    for (int attempt = 1; ; attempt++) {
      if (control.cancelled()) throw new Pickup.Stop(true);
      if (control.stopping()) throw new Pickup.Stop(false);
      step.attempts++;
      step.save();
      Path out = work.freshStepDir(index, spec.type());
      counter.set(counterAtStart);
      RunStepContext ctx = new RunStepContext(out, run.id(), run.pipelineId(), pipeline.customer(), started, r.clock,
          counter, r.services, step, control);
      try {
        List<WorkFile> result = checked(runner.run(ctx, in));
        step.filesOut = result.size();
        step.bytesOut = result.stream().mapToLong(WorkFile::size).sum();
        return result;
      } catch (StepFailedException e) {
        if (!e.retryable() || attempt >= spec.retry().attempts()) throw e;
        step.log("attempt " + attempt + " failed: " + e.getMessage());
      } catch (IOException e) {
        if (attempt >= spec.retry().attempts()) throw e;
        step.log("attempt " + attempt + " failed: " + RunExecution.describe(e));
      }
      waitBackoff(spec.retry().backoff().multipliedBy(1L << Math.min(attempt - 1, 20)));
    }
  }

  /** A step's outputs must be files in the run's work directory, with names unique in the batch. */
  private List<WorkFile> checked(List<WorkFile> result) throws IOException {
    Set<String> names = new HashSet<>();
    for (WorkFile f : result) {
      Path p = f.path().toAbsolutePath().normalize();
      if (!p.startsWith(work.root())) throw new IOException(f.name() + ": the step put it outside the work directory");
      if (!names.add(f.name())) throw new StepFailedException("two files named " + f.name() + " in one batch", false);
    }
    return List.copyOf(result);
  }

  private void waitBackoff(Duration wait) throws InterruptedException {
    Instant until = r.clock.instant().plus(wait);
    while (r.clock.instant().isBefore(until)) {
      if (control.cancelled()) throw new Pickup.Stop(true);
      if (control.stopping()) throw new Pickup.Stop(false);
      Duration left = Duration.between(r.clock.instant(), until);
      Thread.sleep(Math.max(1, Math.min(left.toMillis(), WAIT_SLICE.toMillis())));
    }
  }
}
