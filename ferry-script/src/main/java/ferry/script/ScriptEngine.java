package ferry.script;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs job scripts in sandboxed GraalJS contexts on one shared engine.
 *
 * <p>Each run gets a fresh context: no Java classes, files, processes, threads, native code or
 * environment, network only through {@code HttpCli} and storage only through {@code
 * VirtualFSByName}. The script API is {@code Params}, {@code Param}, {@code GetSecret}, {@code
 * Log}, {@code Exit}, {@code Sleep}, {@code HttpCli} and {@code VirtualFSByName}. A run ends by
 * itself, by {@code Exit(code)}, by its {@link CancelSignal} or by its time limit; one watchdog
 * thread enforces the last two for all runs. VFS calls run on worker threads while the script
 * thread waits, so a stop never waits for storage I/O. Create one instance per process and share it
 * between worker threads.
 */
public final class ScriptEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScriptEngine.class);
  private static final String JS = "js";
  private static final String JS_SCRIPT_MIME = "application/javascript";

  private final ScriptConfig config;
  private final Engine engine;
  private final ScheduledThreadPoolExecutor watchdog;
  private final HttpClients httpClients;
  private final ExecutorService vfsWorkers;
  private final MemoryGuard memoryGuard;
  private final Clock clock = Clock.systemUTC();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates the shared GraalJS engine, the watchdog thread, the memory guard, the VFS worker pool
   * and (lazily) the HTTP clients.
   */
  public ScriptEngine(ScriptConfig config) {
    this(config, JvmMemory.heap());
  }

  /** As {@link #ScriptEngine(ScriptConfig)}, with {@code heap} telling how full the heap is. */
  ScriptEngine(ScriptConfig config, MemoryGuard.Heap heap) {
    this.config = requireNonNull(config, "No script config");
    this.engine =
        Engine.newBuilder(JS)
            .sandbox(SandboxPolicy.CONSTRAINED)
            .out(OutputStream.nullOutputStream())
            .err(new LineOutputStream((line, cut) -> LOG.warn("GraalJS: {}", line), 8192))
            // Temurin has no Truffle JIT; the interpreter is expected (stack.md, gotcha 5).
            .option("engine.WarnInterpreterOnly", "false")
            .build();
    this.watchdog =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("ferry-script-watchdog").daemon().factory());
    watchdog.setRemoveOnCancelPolicy(true);
    this.memoryGuard =
        new MemoryGuard(
            watchdog, heap, JvmMemory.allocations(), config.runMemoryLimit(), config.heapLimit());
    this.httpClients = new HttpClients(config.httpConnectTimeout());
    // One VFS call at a time per run; idle threads die after a minute.
    this.vfsWorkers =
        Executors.newCachedThreadPool(
            Thread.ofPlatform().name("ferry-script-vfs-", 0).daemon().factory());
  }

  /** Parses {@code source} without running it; returns its first syntax error, if any. */
  public Optional<SyntaxProblem> check(String name, String source) {
    requireNonNull(name, "No script name");
    requireNonNull(source, "No script source");
    try (Context context =
        newContext(OutputStream.nullOutputStream(), OutputStream.nullOutputStream())) {
      context.parse(source(name, source));
      return Optional.empty();
    } catch (PolyglotException e) {
      if (e.isSyntaxError()) {
        return Optional.of(ScriptErrors.syntaxProblem(e, name));
      }
      throw new IllegalStateException("Parsing script " + name + " failed", e);
    }
  }

  /**
   * Runs a script on the calling thread until it ends. Script problems never throw: they are in the
   * outcome and, at ERROR level, in the log.
   */
  public ScriptOutcome run(ScriptRun run) {
    requireNonNull(run, "No run");
    if (closed.get()) {
      throw new IllegalStateException("The script engine is closed");
    }
    Duration limit = run.timeLimit().isZero() ? config.defaultTimeLimit() : run.timeLimit();
    SecretMasker masker = new SecretMasker();
    RunLog log = new RunLog(run.host(), masker, config.maxLogLines(), config.maxLogLineLength());
    Ran ran = runInContext(run, limit, masker, log);
    // Only now, with no frame left that holds the context, can its memory be collected.
    ran.memory().close();
    log.finish();
    ran.ending().logLine().ifPresent(line -> log.engine(ran.ending().level(), line));
    if (ran.interruptedFromOutside()) {
      Thread.currentThread().interrupt();
    }
    return masked(ran.ending().outcome(), masker);
  }

  private Ran runInContext(ScriptRun run, Duration limit, SecretMasker masker, RunLog log) {
    Context context = newContext(log.stdout(), log.stderr());
    RunControl control = new RunControl(context, watchdog);
    VfsSession vfs = new VfsSession(run.host(), masker, control, vfsWorkers, clock);
    Runnable unsubscribe = () -> {};
    ScheduledFuture<?> timer = null;
    Ending ending;
    MemoryGuard.Watch memory = memoryGuard.watch(run.name(), control);
    try {
      unsubscribe = run.cancel().subscribe(() -> control.stop(RunControl.StopReason.CANCELLED));
      timer =
          watchdog.schedule(
              () -> control.stop(RunControl.StopReason.TIMED_OUT),
              limit.toMillis(),
              TimeUnit.MILLISECONDS);
      ending = execute(run, context, control, masker, log, vfs, limit, memory);
    } finally {
      control.finish();
      if (timer != null) {
        timer.cancel(false);
      }
      unsubscribe.run();
      closeCancelling(context);
      vfs.close();
    }
    return new Ran(ending, control.interruptedFromOutside(), memory);
  }

  /**
   * Cancels running scripts and releases the engine, the watchdog, the VFS workers and the HTTP
   * clients.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      memoryGuard.close();
      watchdog.shutdownNow();
      vfsWorkers.shutdownNow();
      httpClients.close();
      engine.close(true);
    }
  }

  private Ending execute(
      ScriptRun run,
      Context context,
      RunControl control,
      SecretMasker masker,
      RunLog log,
      VfsSession vfs,
      Duration limit,
      MemoryGuard.Watch memory) {
    try {
      HttpSender http = new HttpSender(httpClients, config, control);
      ScriptGlobals.install(
          context.getBindings(JS),
          new RunScope(run.params(), run.host(), masker, log, control, http, vfs));
      if (control.reason().isEmpty()) {
        context.eval(source(run.name(), run.source()));
        return Ending.completed();
      }
    } catch (PolyglotException e) {
      if (control.reason().isEmpty()) {
        return failed(e, run.name());
      }
    } catch (RuntimeException e) {
      if (control.reason().isEmpty()) {
        LOG.error("Script {} failed in the engine", run.name(), e);
        return Ending.failed(
            "internal error in the script engine", "internal error in the script engine");
      }
    }
    return stopped(control, limit, memory);
  }

  private static Ending stopped(RunControl control, Duration limit, MemoryGuard.Watch memory) {
    RunControl.StopReason reason = control.reason().orElseThrow();
    return switch (reason) {
      case EXIT -> {
        int code = control.exitCode();
        yield code == 0
            ? Ending.completed()
            : new Ending(
                new ScriptOutcome(
                    ScriptOutcome.Status.FAILED, code, "script called Exit(" + code + ")"),
                LogLevel.INFO,
                Optional.empty());
      }
      case CANCELLED ->
          new Ending(
              new ScriptOutcome(ScriptOutcome.Status.CANCELLED, 1, "script cancelled"),
              LogLevel.WARN,
              Optional.of("script cancelled"));
      case TIMED_OUT -> {
        String message = "time limit of " + Durations.human(limit) + " exceeded; script stopped";
        yield new Ending(
            new ScriptOutcome(ScriptOutcome.Status.TIMED_OUT, 1, message),
            LogLevel.ERROR,
            Optional.of(message));
      }
      case OUT_OF_MEMORY -> {
        String message =
            "cancelled: the script used too much memory ("
                + memory.stoppedAt() / (1024 * 1024)
                + " MiB allocated)";
        yield Ending.failed(message, message);
      }
    };
  }

  private static ScriptOutcome masked(ScriptOutcome outcome, SecretMasker masker) {
    return outcome.error() == null
        ? outcome
        : new ScriptOutcome(outcome.status(), outcome.exitCode(), masker.mask(outcome.error()));
  }

  private static Ending failed(PolyglotException e, String name) {
    if (e.isHostException() || e.isInternalError()) {
      LOG.error("Script {} failed inside the host", name, e);
    }
    String message = ScriptErrors.describe(e, name);
    if (e.isCancelled()) {
      message = "script cancelled by the engine";
    }
    return Ending.failed(message, ScriptErrors.withStack(e, message));
  }

  private Context newContext(OutputStream out, OutputStream err) {
    return Context.newBuilder(JS)
        .engine(engine)
        .sandbox(SandboxPolicy.CONSTRAINED)
        // CONSTRAINED is EXPLICIT without interface implementations and collection mappings;
        // the API objects are proxies, so no Java member is reachable at all.
        .allowHostAccess(HostAccess.CONSTRAINED)
        .allowHostClassLookup(className -> false)
        .allowHostClassLoading(false)
        .allowIO(IOAccess.NONE)
        .allowCreateThread(false)
        .allowCreateProcess(false)
        .allowNativeAccess(false)
        .allowEnvironmentAccess(EnvironmentAccess.NONE)
        .allowPolyglotAccess(PolyglotAccess.NONE)
        .allowValueSharing(false)
        .allowInnerContextOptions(false)
        .in(InputStream.nullInputStream())
        .out(out)
        .err(err)
        .build();
  }

  private static Source source(String name, String source) {
    // A classic script, not a module, so the seed scripts run unchanged whatever their name.
    return Source.newBuilder(JS, source, name).mimeType(JS_SCRIPT_MIME).buildLiteral();
  }

  private static void closeCancelling(Context context) {
    try {
      context.close(true);
    } catch (PolyglotException | IllegalStateException e) {
      LOG.debug("Closing a script context failed", e);
    }
  }

  /**
   * How a run in its context ended, and its memory watch, to be closed once the context is gone.
   */
  private record Ran(Ending ending, boolean interruptedFromOutside, MemoryGuard.Watch memory) {}

  /** The outcome of a run plus the line the engine adds to the job log, if any. */
  private record Ending(ScriptOutcome outcome, LogLevel level, Optional<String> logLine) {
    static Ending completed() {
      return new Ending(
          new ScriptOutcome(ScriptOutcome.Status.COMPLETED, 0, null),
          LogLevel.INFO,
          Optional.empty());
    }

    static Ending failed(String error, String logLine) {
      return new Ending(
          new ScriptOutcome(ScriptOutcome.Status.FAILED, 1, error),
          LogLevel.ERROR,
          Optional.of(logLine));
    }
  }
}
