package ferry.pipeline.run;

import ferry.pipeline.step.StepContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** What one attempt of one step sees of its run. */
final class RunStepContext implements StepContext {
  private final Path outputDir;
  private final String runId;
  private final String pipelineId;
  private final String customer;
  private final Instant startedAt;
  private final Clock clock;
  private final AtomicLong counter;
  private final RunServices services;
  private final StepRecord step;
  private final RunControl control;

  RunStepContext(Path outputDir, String runId, String pipelineId, String customer, Instant startedAt, Clock clock,
      AtomicLong counter, RunServices services, StepRecord step, RunControl control) {
    this.outputDir = outputDir;
    this.runId = runId;
    this.pipelineId = pipelineId;
    this.customer = customer;
    this.startedAt = startedAt;
    this.clock = clock;
    this.counter = counter;
    this.services = services;
    this.step = step;
    this.control = control;
  }

  @Override
  public Path outputDir() {
    return outputDir;
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public String pipelineId() {
    return pipelineId;
  }

  @Override
  public Instant runStartedAt() {
    return startedAt;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public long nextCounter() {
    return counter.incrementAndGet();
  }

  @Override
  public Optional<String> secret(String name) {
    return services.secret(customer, name);
  }

  @Override
  public int runScript(String name, Map<String, String> params) throws IOException, InterruptedException {
    return services.runScript(new ScriptCall(runId, customer, name, params, outputDir, step::log));
  }

  @Override
  public boolean customerOwned() {
    return customer != null;
  }

  @Override
  public void log(String line) {
    step.log(line);
  }

  @Override
  public boolean cancelled() {
    return control.cancelled() || control.stopping();
  }
}
