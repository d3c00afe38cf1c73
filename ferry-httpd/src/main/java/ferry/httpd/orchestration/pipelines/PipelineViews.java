package ferry.httpd.orchestration.pipelines;

import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRun;
import ferry.core.pipeline.PipelineVersion;
import ferry.core.pipeline.RunFile;
import ferry.core.pipeline.RunStep;
import ferry.pipeline.DryRun;
import ferry.pipeline.RunDetail;
import ferry.pipeline.definition.Problem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The contract's JSON of a pipeline, a version, a run with its steps and files, and a dry-run. */
final class PipelineViews {
  private PipelineViews() {}

  record LastRun(String id, String status, Instant startedAt, Instant endedAt) {}

  record PipelineView(String id, String identifier, String name, String description, boolean enabled, int version,
      String trigger, String customer, String createdBy, Instant createdAt, Instant updatedAt, LastRun lastRun) {}

  record RunView(String id, String pipelineId, int version, String status, String trigger, String triggeredBy,
      String node, String error, long bytesIn, long bytesOut, int files, Instant createdAt, Instant startedAt,
      Instant endedAt) {}

  record StepView(int index, String type, String status, int attempts, int filesIn, int filesOut, long bytesIn,
      long bytesOut, String error, List<String> log, Instant startedAt, Instant endedAt) {}

  record FileView(String source, String destination, long bytes, String sha256, String status, String transferId,
      String error) {}

  /** A run view with its steps and delivered files (the run's own fields first, as in {@link RunView}). */
  record RunDetailView(String id, String pipelineId, int version, String status, String trigger, String triggeredBy,
      String node, String error, long bytesIn, long bytesOut, int files, Instant createdAt, Instant startedAt,
      Instant endedAt, List<StepView> steps, List<FileView> deliveredFiles, boolean filesTruncated) {}

  record VersionView(int version, String createdBy, Instant createdAt, boolean current) {}

  record VersionYaml(int version, String yaml, String createdBy, Instant createdAt) {}

  record ProblemView(int line, int column, String path, String message) {}

  static PipelineView pipeline(Pipeline p, PipelineRun last) {
    return new PipelineView(p.id(), p.identifier(), p.name(), p.description(), p.enabled(), p.version(),
        p.triggerType(), p.customer(), p.createdBy(), p.createdAt(), p.updatedAt(),
        last == null ? null : new LastRun(last.id(), last.status().wire(), last.startedAt(), last.endedAt()));
  }

  static RunView run(PipelineRun r) {
    return new RunView(r.id(), r.pipelineId(), r.version(), r.status().wire(), r.trigger(), r.triggeredBy(), r.node(),
        r.error(), r.bytesIn(), r.bytesOut(), r.files(), r.createdAt(), r.startedAt(), r.endedAt());
  }

  static RunDetailView detail(RunDetail d) {
    PipelineRun r = d.run();
    return new RunDetailView(r.id(), r.pipelineId(), r.version(), r.status().wire(), r.trigger(), r.triggeredBy(),
        r.node(), r.error(), r.bytesIn(), r.bytesOut(), r.files(), r.createdAt(), r.startedAt(), r.endedAt(),
        d.steps().stream().map(PipelineViews::step).toList(), d.files().stream().map(PipelineViews::file).toList(),
        d.filesTruncated());
  }

  static StepView step(RunStep s) {
    return new StepView(s.index(), s.type(), s.status(), s.attempts(), s.filesIn(), s.filesOut(), s.bytesIn(),
        s.bytesOut(), s.error(), s.log(), s.startedAt(), s.endedAt());
  }

  static FileView file(RunFile f) {
    return new FileView(f.source(), f.destination(), f.bytes(), f.sha256(), f.status(), f.transferId(), f.error());
  }

  static VersionView version(PipelineVersion v, int current) {
    return new VersionView(v.version(), v.createdBy(), v.createdAt(), v.version() == current);
  }

  static VersionYaml versionYaml(PipelineVersion v) {
    return new VersionYaml(v.version(), v.yaml(), v.createdBy(), v.createdAt());
  }

  /** {valid, errors, trigger, steps, destinations} and, only when simulated, files. */
  static Map<String, Object> dryRun(DryRun d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", d.valid());
    m.put("errors", d.errors().stream().map(PipelineViews::problem).toList());
    m.put("trigger", d.trigger());
    m.put("steps", d.steps());
    m.put("destinations", d.destinations());
    if (d.files() != null)
      m.put("files", d.files().stream().map(f -> {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", f.path());
        file.put("size", f.size());
        file.put("modified", f.modified());
        return file;
      }).toList());
    return m;
  }

  static ProblemView problem(Problem p) {
    return new ProblemView(p.line(), p.column(), p.field(), p.message());
  }
}
