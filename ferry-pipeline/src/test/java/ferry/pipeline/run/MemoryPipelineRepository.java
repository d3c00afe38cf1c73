package ferry.pipeline.run;

import ferry.core.error.ConflictException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRepository;
import ferry.core.pipeline.PipelineRun;
import ferry.core.pipeline.PipelineRunStatus;
import ferry.core.pipeline.PipelineVersion;
import ferry.core.pipeline.RunFile;
import ferry.core.pipeline.RunStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The repository port in memory, for the runner's tests. */
public final class MemoryPipelineRepository implements PipelineRepository {
  private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
  private final List<PipelineVersion> versions = new ArrayList<>();
  private final Map<String, PipelineRun> runs = new LinkedHashMap<>();
  private final Map<String, TreeMap<Integer, RunStep>> steps = new LinkedHashMap<>();
  private final List<RunFile> files = new ArrayList<>();
  private final Map<String, String> seen = new LinkedHashMap<>(); // pipelineId|key -> runId

  @Override
  public synchronized void insert(Pipeline p, PipelineVersion first) {
    if (pipelines.values().stream().anyMatch(o -> Objects.equals(o.customer(), p.customer())
        && o.identifier().equals(p.identifier())))
      throw new ConflictException("a pipeline with identifier " + p.identifier() + " already exists");
    pipelines.put(p.id(), p);
    versions.add(first);
  }

  @Override
  public synchronized boolean updateYaml(Pipeline changed, PipelineVersion next, int expectedVersion) {
    Pipeline now = pipelines.get(changed.id());
    if (now == null || now.version() != expectedVersion) return false;
    pipelines.put(changed.id(), changed);
    versions.add(next);
    return true;
  }

  @Override
  public synchronized boolean updateMetadata(Pipeline changed) {
    return pipelines.replace(changed.id(), changed) != null;
  }

  @Override
  public synchronized boolean delete(String id) {
    return pipelines.remove(id) != null;
  }

  @Override
  public synchronized Optional<Pipeline> find(String id) {
    return Optional.ofNullable(pipelines.get(id));
  }

  @Override
  public synchronized Page<Pipeline> list(String customer, Boolean enabled, String search, PageRequest page) {
    List<Pipeline> all = pipelines.values().stream().filter(p -> customer == null || customer.equals(p.customer()))
        .filter(p -> enabled == null || p.enabled() == enabled).toList();
    return page(all, page);
  }

  @Override
  public synchronized List<Pipeline> enabledWithTrigger(String triggerType) {
    return pipelines.values().stream().filter(p -> p.enabled() && p.triggerType().equals(triggerType)).toList();
  }

  @Override
  public synchronized Page<PipelineVersion> versions(String pipelineId, PageRequest page) {
    return page(versions.stream().filter(v -> v.pipelineId().equals(pipelineId)).toList().reversed(), page);
  }

  @Override
  public synchronized Optional<PipelineVersion> version(String pipelineId, int version) {
    return versions.stream().filter(v -> v.pipelineId().equals(pipelineId) && v.version() == version).findFirst();
  }

  @Override
  public synchronized boolean insertRun(PipelineRun run) {
    if (run.triggerKey() != null && runs.values().stream()
        .anyMatch(o -> o.pipelineId().equals(run.pipelineId()) && run.triggerKey().equals(o.triggerKey())))
      return false;
    runs.put(run.id(), run);
    return true;
  }

  @Override
  public synchronized boolean updateRun(PipelineRun run) {
    return runs.replace(run.id(), run) != null;
  }

  @Override
  public synchronized boolean updateRunIf(PipelineRun run, PipelineRunStatus expected) {
    PipelineRun now = runs.get(run.id());
    if (now == null || now.status() != expected) return false;
    runs.put(run.id(), run);
    return true;
  }

  @Override
  public synchronized Optional<PipelineRun> findRun(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  @Override
  public synchronized Page<PipelineRun> runs(String pipelineId, PageRequest page) {
    return page(runs.values().stream().filter(r -> r.pipelineId().equals(pipelineId))
        .sorted(Comparator.comparing(PipelineRun::createdAt).reversed()).toList(), page);
  }

  @Override
  public synchronized List<PipelineRun> runsIn(PipelineRunStatus status) {
    return runs.values().stream().filter(r -> r.status() == status).toList();
  }

  @Override
  public synchronized void saveStep(RunStep step) {
    steps.computeIfAbsent(step.runId(), k -> new TreeMap<>()).put(step.index(), step);
  }

  @Override
  public synchronized List<RunStep> steps(String runId) {
    return List.copyOf(steps.getOrDefault(runId, new TreeMap<>()).values());
  }

  @Override
  public synchronized void insertFile(RunFile file) {
    files.add(file);
  }

  @Override
  public synchronized Page<RunFile> files(String runId, PageRequest page) {
    return page(files.stream().filter(f -> f.runId().equals(runId)).toList(), page);
  }

  @Override
  public synchronized boolean markSeen(String pipelineId, String key, String runId, Instant at) {
    return seen.putIfAbsent(pipelineId + "|" + key, runId) == null;
  }

  @Override
  public synchronized void forgetSeen(String pipelineId, String runId) {
    seen.entrySet().removeIf(e -> e.getKey().startsWith(pipelineId + "|") && e.getValue().equals(runId));
  }

  public synchronized int seenCount() {
    return seen.size();
  }

  private static <T> Page<T> page(List<T> all, PageRequest p) {
    List<T> items = all.stream().skip(p.offset()).limit(p.limit()).toList();
    return new Page<>(items, p.page(), p.limit(), all.size());
  }
}
