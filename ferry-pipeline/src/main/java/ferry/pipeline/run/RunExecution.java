package ferry.pipeline.run;

import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRun;
import ferry.core.pipeline.PipelineRunStatus;
import ferry.core.pipeline.RunFile;
import ferry.core.pipeline.RunStep;
import ferry.pipeline.definition.Destination;
import ferry.pipeline.definition.Notify;
import ferry.pipeline.definition.PipelineDefinition;
import ferry.pipeline.definition.Source;
import ferry.pipeline.definition.StepSpec;
import ferry.pipeline.step.WorkFile;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run being carried: its plan of steps (index 0 the source, then the YAML's steps, one
 * delivery per destination, and the source's after-success unless it keeps its files), where it
 * stands, and how it ends.
 */
final class RunExecution {
  private static final Logger log = LoggerFactory.getLogger(RunExecution.class);
  static final Set<String> SEEN_TRIGGERS = Set.of("upload", "poll");
  static final int MAX_ERROR = 4000;

  private final PipelineRunner r;
  private final Pipeline pipeline;
  private final PipelineDefinition def;
  private final RunControl control;
  private final WorkDir work;
  private final List<StepRecord> plan = new ArrayList<>();
  private final AtomicLong counter = new AtomicLong();
  private final String transferJobId;
  private PipelineRun run;
  private StepRecord current;
  private List<WorkFile> files = List.of();
  /** Files delivered (to any destination); a run that delivered none forgets what it picked when it fails. */
  private int delivered;
  /** Source files picked: the run's {@code files}. */
  private int picked;
  private long bytesIn;
  private long bytesOut;
  /** Destinations of the files this run delivered before its node stopped (a resumed run skips them). */
  private Set<String> deliveredBefore = Set.of();

  RunExecution(PipelineRunner r, PipelineRun run, Pipeline pipeline, PipelineDefinition def, RunControl control) {
    this.r = r;
    this.run = run;
    this.pipeline = pipeline;
    this.def = def;
    this.control = control;
    this.work = new WorkDir(r.workDir(run.id()));
    this.transferJobId = run.id().replace("-", "");
    this.bytesIn = run.bytesIn();
    this.bytesOut = run.bytesOut();
    this.picked = run.files();
    plan.add(new StepRecord(r.repo, r.clock, run.id(), 0, "source", "pick up from " + def.source().location().describe()));
    for (StepSpec s : def.steps()) plan.add(new StepRecord(r.repo, r.clock, run.id(), plan.size(), s.type(), s.type()));
    for (Destination d : def.destinations())
      plan.add(new StepRecord(r.repo, r.clock, run.id(), plan.size(), "deliver", "deliver to " + d.location().describe()));
    if (def.source().after() != Source.AfterSuccess.KEEP)
      plan.add(new StepRecord(r.repo, r.clock, run.id(), plan.size(), "after",
          def.source().after().name().toLowerCase(java.util.Locale.ROOT) + " source files"));
  }

  PipelineRun go() {
    try {
      int from = Math.min(run.completedSteps(), plan.size());
      for (RunStep stored : r.repo.steps(run.id())) {
        if (stored.index() < plan.size() && stored.index() < from) plan.get(stored.index()).restore(stored);
        else if (stored.index() == from && from > 0) plan.get(from).keepLog(stored); // what the stopped attempt did
      }
      if (from == 0) {
        work.delete();
        work.create();
        r.repo.forgetSeen(run.pipelineId(), run.id()); // a pick-up cut short by a dead node is redone
        plan.forEach(StepRecord::save);
      } else {
        Optional<WorkDir.Loaded> in = work.readManifest(inputOf(from));
        if (in.isEmpty()) return interrupted(from);
        files = in.get().files();
        counter.set(in.get().counter());
        loadDelivered();
        plan.get(from).log("resumed after step " + from + " on this node");
      }
      for (int i = from; i < plan.size(); i++) {
        checkControl();
        current = plan.get(i);
        current.start();
        if (!doStep(i)) {
          current.end(StepRecord.COMPLETED, null);
          return finish(PipelineRunStatus.COMPLETED, null); // nothing picked: nothing more to do
        }
        current.end(current.error == null ? StepRecord.COMPLETED : StepRecord.FAILED, current.error);
        run = run.withCompletedSteps(i + 1, bytesIn, bytesOut, picked);
        if (!r.repo.updateRunIf(run, PipelineRunStatus.RUNNING)) throw new Pickup.Stop(true); // cancelled meanwhile
      }
      current = null;
      return finish(PipelineRunStatus.COMPLETED, null);
    } catch (Pickup.Stop | CancellationException e) {
      boolean cancelled = e instanceof Pickup.Stop s ? s.cancelled : !control.stopping();
      return cancelled ? finish(PipelineRunStatus.CANCELLED, "cancelled") : stopped();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return stopped();
    } catch (Exception e) {
      // a failure while the node stops is most likely the stop's (an interrupted copy, a closed pool):
      // the run is handed back, and a real fault shows again when it resumes
      if (control.stopping()) return stopped();
      String why = describe(e);
      log.info("pipeline {} run {} failed: {}", pipeline.identifier(), run.id(), why);
      return finish(PipelineRunStatus.FAILED, current == null ? why : "step " + (current.index + 1) + " ("
          + current.label + "): " + why);
    }
  }

  /** Runs plan step {@code i}; false when the source picked nothing. */
  private boolean doStep(int i) throws Exception {
    int steps = def.steps().size();
    if (i == 0) {
      files = fetch();
      bytesIn = files.stream().mapToLong(WorkFile::size).sum();
      picked = files.size();
      work.writeManifest(0, files, counter.get());
      return !files.isEmpty();
    }
    if (i <= steps) {
      files = new StepAttempts(r, run, pipeline, work, counter, control).run(def.steps().get(i - 1), i, current, files);
      work.writeManifest(i, files, counter.get());
    } else if (i <= steps + def.destinations().size()) {
      deliver(def.destinations().get(i - steps - 1));
    } else {
      List<String> origins = work.readManifest(0).map(m -> m.files().stream().map(WorkFile::origin).toList())
          .orElseThrow(() -> new IOException("the source step's list of files is gone"));
      try (Vfs vfs = r.locations.open(def.source().location())) {
        new Pickup(r.repo, r.clock).afterSuccess(vfs, def.source(), origins, current);
      }
    }
    return true;
  }

  private List<WorkFile> fetch() throws IOException {
    try (Vfs vfs = r.locations.open(def.source().location())) {
      return new Pickup(r.repo, r.clock).fetch(vfs, def.source(), run.pipelineId(), run.id(),
          SEEN_TRIGGERS.contains(run.trigger()), work.freshStepDir(0, "source"), control, current);
    }
  }

  private void deliver(Destination dst) throws IOException {
    Set<String> before = deliveredBefore;
    Delivery delivery = new Delivery(r.clock);
    String sourceLabel = Delivery.label(def.source().location());
    current.filesIn = files.size();
    current.bytesIn = files.stream().mapToLong(WorkFile::size).sum();
    try (Vfs vfs = r.locations.open(dst.location())) {
      for (WorkFile f : files) {
        checkControl();
        if (before.contains(Delivery.where(dst, f.name()))) continue; // a resumed run: went out before the stop
        RunFile done;
        try {
          done = delivery.deliver(vfs, dst, f, run.id(), sourceLabel, r.transfers, transferJobId);
        } catch (IOException e) {
          if (control.stopping()) throw new Pickup.Stop(false); // cut by the stop: delivered again on resume
          r.repo.insertFile(new RunFile(run.id(), f.origin(), Delivery.where(dst, f.name()), 0, null, Delivery.FAILED,
              transferJobId, cut(describe(e))));
          throw e;
        }
        r.repo.insertFile(done);
        if (Delivery.COMPLETED.equals(done.status())) {
          delivered++;
          bytesOut += done.bytes();
          current.filesOut++;
          current.bytesOut += done.bytes();
        } else {
          current.log(f.name() + ": " + done.error());
        }
      }
    }
    current.log("delivered " + current.filesOut + " of " + files.size() + " files to " + dst.location().describe());
  }

  /** Reads what this run delivered before its node stopped: not sent again, and counted. */
  private void loadDelivered() {
    Set<String> out = new HashSet<>();
    delivered = 0;
    bytesOut = 0;
    for (int p = 1; ; p++) {
      Page<RunFile> page = r.repo.files(run.id(), new PageRequest(p, PageRequest.MAX_LIMIT));
      for (RunFile f : page.items()) {
        if (Delivery.FAILED.equals(f.status())) continue;
        out.add(f.destination());
        if (Delivery.COMPLETED.equals(f.status())) {
          delivered++;
          bytesOut += f.bytes();
        }
      }
      if ((long) p * PageRequest.MAX_LIMIT >= page.total() || page.items().isEmpty()) break;
    }
    deliveredBefore = out;
  }

  /** Which step's manifest holds the files step {@code i} starts from. */
  private int inputOf(int i) {
    return Math.min(i - 1, def.steps().size());
  }

  private void checkControl() {
    if (control.cancelled()) throw new Pickup.Stop(true);
    if (control.stopping()) throw new Pickup.Stop(false);
  }

  /** The work directory is gone or incomplete: the run cannot go on from where its node stopped. */
  private PipelineRun interrupted(int from) {
    StepRecord at = plan.get(from);
    for (RunStep s : r.repo.steps(run.id()))
      if ("running".equals(s.status()) && s.index() < plan.size()) at = plan.get(s.index());
    String why = "server stopped during step " + (at.index + 1) + " (" + at.label + ")";
    current = at;
    if ("deliver".equals(at.type)) sweepParts(def.destinations().get(at.index - def.steps().size() - 1));
    at.end(StepRecord.FAILED, why);
    return finish(PipelineRunStatus.INTERRUPTED, why);
  }

  private void sweepParts(Destination dst) {
    try (Vfs vfs = r.locations.open(dst.location())) {
      int n = Delivery.sweepParts(vfs, VPath.of(dst.location().path()), run.id());
      if (n > 0) current().log("removed " + n + " temporary files at " + dst.location().describe());
    } catch (IOException | RuntimeException e) {
      log.warn("run {}: could not remove its temporary files at {}: {}", run.id(), dst.location().describe(), describe(e));
    }
  }

  private StepRecord current() {
    return current != null ? current : plan.get(0);
  }

  /** This node stops: the run stays running with its work directory, for a resume. */
  private PipelineRun stopped() {
    log.info("pipeline {} run {}: node stopping during step {}; left for a resume", pipeline.identifier(), run.id(),
        current == null ? "-" : current.index + 1);
    return run;
  }

  private PipelineRun finish(PipelineRunStatus status, String why) {
    try {
      if (current != null && StepRecord.RUNNING.equals(current.status))
        current.end(status == PipelineRunStatus.COMPLETED ? StepRecord.COMPLETED : StepRecord.FAILED, why);
      for (StepRecord s : plan) if (StepRecord.PENDING.equals(s.status) || StepRecord.RUNNING.equals(s.status))
        s.end(StepRecord.SKIPPED, null);
      if (status != PipelineRunStatus.COMPLETED && delivered == 0) r.repo.forgetSeen(run.pipelineId(), run.id());
    } catch (RuntimeException e) {
      log.warn("run {}: could not store its steps' end: {}", run.id(), describe(e));
    }
    removeWorkDir();
    return end(r, run.withCompletedSteps(run.completedSteps(), bytesIn, bytesOut, picked), status, why, pipeline,
        def.notifications());
  }

  private void removeWorkDir() {
    try {
      work.delete();
    } catch (IOException e) {
      log.warn("run {}: could not remove its work directory {}: {}", run.id(), work.root(), e.toString());
    }
  }

  /** Stores the end (a cancel stored meanwhile wins over a finish) and tells the webhooks. */
  static PipelineRun end(PipelineRunner r, PipelineRun run, PipelineRunStatus status, String why, Pipeline pipeline,
      Notify notify) {
    PipelineRun ended = run.withEnded(status, cut(why), r.clock.instant());
    try {
      if (!r.repo.updateRunIf(ended, PipelineRunStatus.RUNNING)) {
        Optional<PipelineRun> now = r.repo.findRun(run.id());
        if (now.isEmpty()) return ended;
        if (now.get().status() == PipelineRunStatus.CANCELLED) {
          ended = run.withEnded(PipelineRunStatus.CANCELLED, now.get().error(), r.clock.instant());
          r.repo.updateRunIf(ended, PipelineRunStatus.CANCELLED);
        } else {
          return now.get();
        }
      }
    } catch (RuntimeException e) {
      log.error("run {}: could not store its end ({})", run.id(), status.wire(), e);
    }
    if (pipeline != null) notifyHooks(r, ended, pipeline, notify);
    return ended;
  }

  static PipelineRun failWithout(PipelineRunner r, PipelineRun run, String why) {
    try {
      WorkDir.deleteTree(r.workDir(run.id()));
      boolean deliveredAny = r.repo.files(run.id(), new PageRequest(1, 1)).total() > 0;
      if (!deliveredAny) r.repo.forgetSeen(run.pipelineId(), run.id());
    } catch (IOException | RuntimeException e) {
      log.warn("run {}: clean-up failed: {}", run.id(), describe(e));
    }
    return end(r, run, PipelineRunStatus.FAILED, why, null, Notify.NONE);
  }

  private static void notifyHooks(PipelineRunner r, PipelineRun run, Pipeline pipeline, Notify notify) {
    Notify.Webhook hook = switch (run.status()) {
      case COMPLETED -> notify.onSuccess();
      case FAILED, INTERRUPTED -> notify.onFailure();
      default -> null;
    };
    if (hook == null) return;
    try {
      r.services.notify(hook, pipeline.customer(), summary(r, run, pipeline));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      log.warn("pipeline {} run {}: the {} webhook failed: {}", pipeline.identifier(), run.id(), run.status().wire(),
          describe(e));
    }
  }

  static Map<String, Object> summary(PipelineRunner r, PipelineRun run, Pipeline pipeline) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", run.id());
    m.put("pipeline_id", pipeline.id());
    m.put("pipeline", pipeline.identifier());
    m.put("status", run.status().wire());
    m.put("error", run.error());
    m.put("trigger", run.trigger());
    m.put("bytes_in", run.bytesIn());
    m.put("bytes_out", run.bytesOut());
    List<Map<String, Object>> files = new ArrayList<>();
    for (RunFile f : r.repo.files(run.id(), new PageRequest(1, PageRequest.MAX_LIMIT)).items()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("source", f.source());
      one.put("destination", f.destination());
      one.put("size", f.bytes());
      one.put("sha256", f.sha256());
      one.put("status", f.status());
      files.add(one);
    }
    m.put("files", files);
    return m;
  }

  /** An error as stored: at most {@link #MAX_ERROR} characters. */
  static String cut(String why) {
    return why == null || why.length() <= MAX_ERROR ? why : why.substring(0, MAX_ERROR) + "...";
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
