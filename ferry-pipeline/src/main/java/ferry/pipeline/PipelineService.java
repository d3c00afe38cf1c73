package ferry.pipeline;

import static java.util.Objects.requireNonNull;

import ferry.core.error.ConflictException;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRepository;
import ferry.core.pipeline.PipelineRun;
import ferry.core.pipeline.PipelineRunStatus;
import ferry.core.pipeline.PipelineVersion;
import ferry.core.pipeline.RunFile;
import ferry.pipeline.definition.Destination;
import ferry.pipeline.definition.PipelineDefinition;
import ferry.pipeline.definition.PipelineNames;
import ferry.pipeline.definition.PipelineYaml;
import ferry.pipeline.definition.StepSpec;
import ferry.pipeline.run.PipelineRuns;
import ferry.pipeline.run.SourceFile;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Pipelines (issue 14), as the API and the CLI use them: create, read, list, change the YAML (a new
 * version each time), change metadata, delete, read versions and runs, start and cancel runs, and
 * dry-run a YAML. A customer sees its own pipelines only (another's answers 404 as a missing one
 * does) and names only what its {@link PipelineNames} allow; an admin sees and names everything.
 */
public final class PipelineService {
  /** How many delivered files a run's detail lists. */
  public static final int DETAIL_FILES = 1000;
  /** The longest YAML stored (the column's size); PipelineYaml may refuse smaller ones first. */
  public static final int MAX_YAML_CHARS = 1_000_000;
  public static final int MAX_NAME = 200;
  public static final int MAX_DESCRIPTION = 2000;
  static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  private final PipelineRepository repo;
  private final PipelineRuns runs;
  private final Function<String, PipelineNames> names;
  private final Clock clock;

  /**
   * @param names what an owner may name in its YAML: for a customer's username, or null for the admins
   */
  public PipelineService(PipelineRepository repo, PipelineRuns runs, Function<String, PipelineNames> names,
      Clock clock) {
    this.repo = requireNonNull(repo, "No pipeline repository");
    this.runs = requireNonNull(runs, "No pipeline runs");
    this.names = requireNonNull(names, "No pipeline names");
    this.clock = requireNonNull(clock, "No clock");
  }

  /**
   * Creates a pipeline owned by the caller (a customer's is the customer's, an admin's the admins').
   *
   * @throws ValidationException naming the field; for the YAML with line, column, path and every problem
   * @throws ConflictException when the owner has a pipeline with that identifier
   */
  public Pipeline create(PipelineCaller caller, NewPipeline in) {
    String identifier = identifier(in.identifier());
    String name = text("name", in.name(), MAX_NAME, true);
    String description = text("description", in.description(), MAX_DESCRIPTION, false);
    PipelineDefinition d = checked(caller.customer(), in.yaml());
    Instant now = clock.instant();
    Pipeline p = new Pipeline(UUID.randomUUID().toString(), identifier, name, description, caller.customer(),
        in.enabled() == null || in.enabled(), 1, in.yaml(), d.trigger().type().wire(), caller.name(), now, now);
    repo.insert(p, new PipelineVersion(p.id(), 1, p.yaml(), caller.name(), now));
    runs.changed(p);
    return p;
  }

  /** The pipeline, if the caller may see it. */
  public Pipeline get(PipelineCaller caller, String id) {
    return repo.find(id).filter(p -> caller.sees(p.customer()))
        .orElseThrow(() -> new NotFoundException("pipeline " + id + " does not exist"));
  }

  /** The pipelines the caller sees, newest first, filtered by enabled and a search text (either may be null). */
  public Page<Pipeline> list(PipelineCaller caller, Boolean enabled, String search, PageRequest page) {
    return repo.list(caller.customer(), enabled, search, page);
  }

  /** The pipeline's latest run, if it has one. */
  public Optional<PipelineRun> lastRun(Pipeline p) {
    return repo.runs(p.id(), new PageRequest(1, 1)).items().stream().findFirst();
  }

  /**
   * Replaces the pipeline's YAML with a new version, checked as at creation; the same text again
   * changes nothing (no new version).
   *
   * @throws ConflictException when another change of the YAML came first (the caller may try again)
   */
  public Pipeline updateYaml(PipelineCaller caller, String id, String yaml) {
    Pipeline old = get(caller, id);
    PipelineDefinition d = checked(old.customer(), yaml);
    // the same text again (a repeated `ferry pipeline put`) is no new version: the history shows changes
    if (yaml.equals(old.yaml())) return old;
    Instant now = clock.instant();
    Pipeline changed = old.withYaml(old.version() + 1, yaml, d.trigger().type().wire(), now);
    PipelineVersion next = new PipelineVersion(id, changed.version(), yaml, caller.name(), now);
    if (!repo.updateYaml(changed, next, old.version())) {
      if (repo.find(id).isEmpty()) throw new NotFoundException("pipeline " + id + " does not exist");
      throw new ConflictException("pipeline " + id + " changed while this change was made (now at a version after "
          + old.version() + "); send it again");
    }
    runs.changed(changed);
    return changed;
  }

  /** Changes name, description and enabled (each null to keep); the YAML and its version stay. */
  public Pipeline patch(PipelineCaller caller, String id, String name, String description, Boolean enabled) {
    Pipeline old = get(caller, id);
    Pipeline changed = old.withMetadata(name == null ? old.name() : text("name", name, MAX_NAME, true),
        description == null ? old.description() : text("description", description, MAX_DESCRIPTION, false),
        enabled == null ? old.enabled() : enabled, clock.instant());
    if (!repo.updateMetadata(changed)) throw new NotFoundException("pipeline " + id + " does not exist");
    runs.changed(changed);
    return changed;
  }

  /** Deletes the pipeline with its versions and runs; its trigger stops. */
  public void delete(PipelineCaller caller, String id) {
    get(caller, id);
    if (!repo.delete(id)) throw new NotFoundException("pipeline " + id + " does not exist");
    runs.removed(id);
  }

  /** The pipeline's versions, newest first. */
  public Page<PipelineVersion> versions(PipelineCaller caller, String id, PageRequest page) {
    get(caller, id);
    return repo.versions(id, page);
  }

  /** Version {@code n} of the pipeline's YAML. */
  public PipelineVersion version(PipelineCaller caller, String id, int n) {
    get(caller, id);
    return repo.version(id, n)
        .orElseThrow(() -> new NotFoundException("pipeline " + id + " has no version " + n));
  }

  /** The pipeline's runs, newest first, in {@code status} (null for any). */
  public Page<PipelineRun> runs(PipelineCaller caller, String id, PipelineRunStatus status, PageRequest page) {
    get(caller, id);
    return repo.runs(id, status, page);
  }

  /** A run of the pipeline with its steps and delivered files. */
  public RunDetail run(PipelineCaller caller, String id, String runId) {
    PipelineRun r = ownRun(caller, id, runId);
    // pages of the largest size a listing takes, up to DETAIL_FILES
    List<RunFile> files = new java.util.ArrayList<>();
    long total = 0;
    for (int n = 1; files.size() < DETAIL_FILES; n++) {
      Page<RunFile> page = repo.files(runId, new PageRequest(n, PageRequest.MAX_LIMIT));
      total = page.total();
      files.addAll(page.items().subList(0, Math.min(page.items().size(), DETAIL_FILES - files.size())));
      if (page.items().size() < PageRequest.MAX_LIMIT) break;
    }
    return new RunDetail(r, repo.steps(runId), files, total > files.size());
  }

  /**
   * Starts a run of the pipeline's current version, queued for whichever node takes it.
   *
   * @throws ConflictException when the pipeline is disabled
   */
  public PipelineRun start(PipelineCaller caller, String id) {
    Pipeline p = get(caller, id);
    if (!p.enabled())
      throw new ConflictException("pipeline " + p.identifier() + " is disabled; enable it first (PATCH {\"enabled\":true})");
    return runs.start(p, caller.name());
  }

  /** Cancels a queued or running run of the pipeline; a finished one is answered as it is. */
  public PipelineRun cancel(PipelineCaller caller, String id, String runId) {
    ownRun(caller, id, runId);
    return runs.cancel(runId);
  }

  private PipelineRun ownRun(PipelineCaller caller, String id, String runId) {
    get(caller, id);
    return repo.findRun(runId).filter(r -> r.pipelineId().equals(id))
        .orElseThrow(() -> new NotFoundException("run " + runId + " of pipeline " + id + " does not exist"));
  }

  /**
   * Checks {@code yaml} as create would for the caller, and with {@code simulate} lists the files its
   * source would pick now (nothing is moved or marked).
   */
  public DryRun dryRun(PipelineCaller caller, String yaml, boolean simulate) {
    requireYaml(yaml);
    PipelineYaml.Checked c = PipelineYaml.check(yaml, names.apply(caller.customer()));
    if (!c.ok()) return new DryRun(false, c.problems(), null, List.of(), List.of(), null);
    PipelineDefinition d = c.definition();
    List<SourceFile> files = null;
    if (simulate) {
      try {
        files = runs.simulate(d, caller.customer());
      } catch (IOException e) {
        // the YAML is fine; its source cannot be listed now (a remote down, a path missing): say so
        throw invalid("source", "cannot list the source " + d.source().location().describe() + ": "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
    }
    return new DryRun(true, List.of(), d.trigger().type().wire(), d.steps().stream().map(StepSpec::type).toList(),
        d.destinations().stream().map(Destination::location).map(l -> l.describe()).toList(), files);
  }

  /** The JSON Schema of the YAML (draft 2020-12), as text. */
  public String schema() {
    return PipelineYaml.schema();
  }

  private PipelineDefinition checked(String owner, String yaml) {
    requireYaml(yaml);
    PipelineYaml.Checked c = PipelineYaml.check(yaml, names.apply(owner));
    if (!c.ok()) throw YamlProblems.invalid(c.problems());
    return c.definition();
  }

  private static void requireYaml(String yaml) {
    if (yaml == null || yaml.isBlank()) throw invalid("yaml", "yaml is required");
    if (yaml.length() > MAX_YAML_CHARS)
      throw invalid("yaml", "yaml must be at most " + MAX_YAML_CHARS + " characters, got " + yaml.length());
  }

  private static String identifier(String s) {
    if (s == null || s.isBlank()) throw invalid("identifier", "identifier is required");
    if (!IDENTIFIER.matcher(s).matches())
      throw invalid("identifier", "identifier must be 1 to 100 of a-z, 0-9, '.', '_' and '-', starting with a letter"
          + " or digit, got \"" + (s.length() > 120 ? s.substring(0, 120) + "..." : s) + "\"");
    return s;
  }

  private static String text(String field, String s, int max, boolean required) {
    if (s == null || s.isBlank()) {
      if (required) throw invalid(field, field + " is required");
      return "";
    }
    if (s.length() > max) throw invalid(field, field + " must be at most " + max + " characters");
    return s;
  }

  static ValidationException invalid(String field, String message) {
    return new ValidationException(message, Map.of("field", field));
  }
}
