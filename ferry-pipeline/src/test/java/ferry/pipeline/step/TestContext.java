package ferry.pipeline.step;

import ferry.pipeline.definition.StepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A StepContext over a temp directory: each {@link #run} gets a fresh output directory, as the runner gives. */
public final class TestContext implements StepContext {
  public static final Instant STARTED = Instant.parse("2026-03-04T05:06:07Z");

  /** What runScript does in a test: the script's name and params in, an exit code out. */
  public interface Script {
    int run(String name, Map<String, String> params) throws IOException;
  }

  private final Path root;
  private final AtomicLong counter = new AtomicLong();
  private final Map<String, String> secrets = new HashMap<>();
  public final List<String> log = new ArrayList<>();
  private Path out;
  private volatile boolean cancelled;
  private boolean customerOwned;
  private int steps;
  private Script script = (n, p) -> {
    throw new IOException("no script " + n);
  };

  public TestContext(Path root) {
    this.root = root;
  }

  public TestContext secret(String name, String value) {
    secrets.put(name, value);
    return this;
  }

  /** The pipeline of a customer (webhooks to public addresses only). */
  public TestContext ofCustomer() {
    customerOwned = true;
    return this;
  }

  public TestContext cancel() {
    cancelled = true;
    return this;
  }

  public TestContext script(Script s) {
    this.script = s;
    return this;
  }

  /** Runs a step of {@code type} with options given as key, value, key, value... */
  public List<WorkFile> run(List<WorkFile> in, String type, Object... options) throws Exception {
    return run(in, spec(type, options));
  }

  public List<WorkFile> run(List<WorkFile> in, StepSpec spec) throws Exception {
    out = Files.createDirectories(root.resolve("step-" + (++steps)));
    return Steps.runner(spec).run(this, in);
  }

  public static StepSpec spec(String type, Object... options) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < options.length; i += 2) map.put((String) options[i], options[i + 1]);
    return new StepSpec(type, map, null, 1);
  }

  /** A source file of the run: written under the root's "src" folder. */
  public WorkFile file(String name, byte[] content) throws IOException {
    Path p = root.resolve("src").resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    return new WorkFile(p, name, content.length, STARTED.minusSeconds(60), "/in/" + name);
  }

  public WorkFile file(String name, String content) throws IOException {
    return file(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Lays {@code files} out under a new directory by their names (what a destination would hold). */
  public Path deliver(List<WorkFile> files) throws IOException {
    Path dir = Files.createDirectories(root.resolve("delivered-" + (++steps)));
    for (WorkFile f : files) {
      Path p = dir.resolve(f.name());
      Files.createDirectories(p.getParent());
      Files.copy(f.path(), p);
    }
    return dir;
  }

  /** Runs a command in {@code dir}; returns its exit code and its output (stdout and stderr). */
  public static Result exec(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", command));
    }
    return new Result(p.exitValue(), output);
  }

  public record Result(int code, String output) {}

  @Override
  public Path outputDir() {
    return out;
  }

  @Override
  public String runId() {
    return "run-1";
  }

  @Override
  public String pipelineId() {
    return "pl-1";
  }

  @Override
  public Instant runStartedAt() {
    return STARTED;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC(); // signatures must not predate the keys gpg makes now
  }

  @Override
  public long nextCounter() {
    return counter.incrementAndGet();
  }

  @Override
  public Optional<String> secret(String name) {
    return Optional.ofNullable(secrets.get(name));
  }

  @Override
  public int runScript(String name, Map<String, String> params) throws IOException {
    return script.run(name, params);
  }

  @Override
  public boolean customerOwned() {
    return customerOwned;
  }

  @Override
  public void log(String line) {
    log.add(line);
  }

  @Override
  public boolean cancelled() {
    return cancelled;
  }
}
