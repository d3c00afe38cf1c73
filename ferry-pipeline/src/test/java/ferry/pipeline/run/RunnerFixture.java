package ferry.pipeline.run;

import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRun;
import ferry.core.pipeline.PipelineRunStatus;
import ferry.core.pipeline.PipelineVersion;
import ferry.core.transfer.TransferRecord;
import ferry.pipeline.definition.Destination;
import ferry.pipeline.definition.Location;
import ferry.pipeline.definition.PipelineDefinition;
import ferry.pipeline.definition.Source;
import ferry.pipeline.definition.StepSpec;
import ferry.pipeline.definition.Trigger;
import ferry.pipeline.step.StepFailedException;
import ferry.pipeline.step.StepRunner;
import ferry.pipeline.step.WorkFile;
import ferry.vfs.LocalVfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runner over two local folders ("in" and "out", as VFS entries of those names) with fake steps:
 * {@code upper} (each file upper-cased into its output directory), {@code flaky} (fails with an
 * I/O error {@code fail_times} times), {@code refuse} (a non-retryable failure), {@code stop}
 * (passes files on and then asks the node to stop), {@code cancel} (passes on, then cancels).
 */
final class RunnerFixture {
  final Path dataDir;
  final Path in;
  final Path out;
  final MemoryPipelineRepository repo = new MemoryPipelineRepository();
  final List<TransferRecord> transfers = new CopyOnWriteArrayList<>();
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  final AtomicBoolean cancelled = new AtomicBoolean();
  final AtomicBoolean stopping = new AtomicBoolean();
  /** Told of each transfer record after it is kept, e.g. to cancel between two delivered files. */
  volatile java.util.function.Consumer<TransferRecord> afterTransfer = t -> {};
  final Clock clock = Clock.systemUTC();
  final PipelineRunner runner;
  final RunControl control = new RunControl() {
    @Override
    public boolean cancelled() {
      return cancelled.get();
    }

    @Override
    public boolean stopping() {
      return stopping.get();
    }
  };

  RunnerFixture(Path tmp) throws IOException {
    this.dataDir = Files.createDirectories(tmp.resolve("data"));
    this.in = Files.createDirectories(tmp.resolve("in"));
    this.out = Files.createDirectories(tmp.resolve("out"));
    Locations locations = l -> switch (l.vfs()) {
      case "in" -> new LocalVfs(in);
      case "out" -> new LocalVfs(out);
      default -> throw new java.nio.file.NoSuchFileException(l.vfs());
    };
    this.runner = new PipelineRunner(repo, locations, RunServices.none(), this::step, t -> {
      transfers.add(t);
      afterTransfer.accept(t);
    }, dataDir, clock);
  }

  private StepRunner step(StepSpec spec) {
    calls.computeIfAbsent(spec.type(), k -> new AtomicInteger());
    return (ctx, files) -> {
      int call = calls.get(spec.type()).incrementAndGet();
      switch (spec.type()) {
        case "flaky" -> {
          if (call <= spec.number("fail_times").orElse(1L)) throw new IOException("flaky failure " + call);
          return files;
        }
        case "refuse" -> throw new StepFailedException("bad signature on " + files.getFirst().name(), false);
        case "stop" -> {
          stopping.set(true);
          return files;
        }
        case "cancel" -> {
          cancelled.set(true);
          return files;
        }
        default -> {
          List<WorkFile> outFiles = new ArrayList<>();
          for (WorkFile f : files) {
            Path p = ctx.outputDir().resolve(f.name());
            Files.createDirectories(p.getParent());
            Files.writeString(p, Files.readString(f.path()).toUpperCase(Locale.ROOT));
            outFiles.add(new WorkFile(p, f.name(), Files.size(p), f.modified(), f.origin()));
          }
          ctx.log("upper-cased " + outFiles.size() + " files");
          return outFiles;
        }
      }
    };
  }

  /** Writes {@code name} under "in", last modified {@code age} ago. */
  Path file(String name, String content, Duration age) throws IOException {
    Path p = in.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
    return p;
  }

  Path file(String name, String content) throws IOException {
    return file(name, content, Duration.ofHours(1));
  }

  static Source source(String pattern) {
    return new Source(new Location("in", null, "/"), pattern, null, false, null, null, null, null, null);
  }

  static Destination dest(Destination.Overwrite overwrite) {
    return new Destination(new Location("out", null, "/"), overwrite, true);
  }

  static StepSpec step(String type, Map<String, Object> options, int attempts, Duration backoff) {
    return new StepSpec(type, options, new StepSpec.Retry(attempts, backoff), 1);
  }

  static StepSpec step(String type) {
    return new StepSpec(type, Map.of(), null, 1);
  }

  static PipelineDefinition def(Source source, List<StepSpec> steps, Destination... destinations) {
    return new PipelineDefinition(source, steps, List.of(destinations), Trigger.manual(), null);
  }

  Pipeline pipeline(String trigger) {
    String id = UUID.randomUUID().toString();
    Pipeline p = new Pipeline(id, "p-" + id.substring(0, 8), "test", null, null, true, 1, "yaml", trigger, "admin",
        Instant.now(), Instant.now());
    repo.insert(p, new PipelineVersion(id, 1, "yaml", "admin", Instant.now()));
    return p;
  }

  /** A run of {@code p} stored queued and claimed by this node, as the server's run task does. */
  PipelineRun claimed(Pipeline p, String trigger) {
    PipelineRun queued = new PipelineRun(UUID.randomUUID().toString(), p.id(), 1, PipelineRunStatus.QUEUED, trigger,
        null, "admin", null, 0, 0, 0, 0, null, Instant.now(), null, null);
    repo.insertRun(queued);
    PipelineRun started = queued.withStarted("node-1", Instant.now());
    if (!repo.updateRunIf(started, PipelineRunStatus.QUEUED)) throw new IllegalStateException("not claimed");
    return started;
  }

  PipelineRun run(Pipeline p, PipelineDefinition def, String trigger) {
    return runner.run(claimed(p, trigger), p, def, control);
  }

  String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  List<String> outNames() throws IOException {
    try (var s = Files.walk(out)) {
      return s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
    }
  }
}
