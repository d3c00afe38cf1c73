package ferry.core.schedule;

import static java.util.Objects.requireNonNull;

import ferry.core.error.ConflictException;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import ferry.core.folder.FolderRepository;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Scheduled jobs (SPEC §4, issue 13): admins create and change them; customers see theirs; agents
 * see, start and finish the runs of the jobs assigned to them. Server jobs' firings go to the
 * {@link SchedulePlanner}; their runs are recorded through {@link ServerFirings}.
 */
public final class ScheduleService {
  private static final int MAX_ERROR = 4000;
  private static final int MAX_TRANSFER_IDS = 10_000;

  private final ScheduleRepository repo;
  private final JobRules rules;
  private final AgentOwners agents;
  private final Predicate<String> isCustomer;
  private final SchedulePlanner planner;
  private final Clock clock;

  /**
   * @param scriptExists whether a stored script of that name exists (server script jobs)
   * @param isCustomer whether a username holds the customer role (server jobs given to a customer)
   */
  public ScheduleService(ScheduleRepository repo, FolderRepository folders, Predicate<String> scriptExists,
      AgentOwners agents, Predicate<String> isCustomer, SchedulePlanner planner, Clock clock) {
    this.repo = requireNonNull(repo, "No schedule repository");
    this.rules = new JobRules(requireNonNull(folders, "No folders"), requireNonNull(scriptExists, "No scripts"));
    this.agents = requireNonNull(agents, "No agent owners");
    this.isCustomer = requireNonNull(isCustomer, "No customer check");
    this.planner = requireNonNull(planner, "No planner");
    this.clock = requireNonNull(clock, "No clock");
  }

  /** Creates a job (an admin's act; the caller checks that). */
  public ScheduledJob create(JobInput in) {
    Instant now = clock.instant();
    String customer = owner(in.agentId(), in.customer());
    CronSchedule schedule = CronSchedule.of(in.schedule(), in.timezone());
    ScheduledJob job = rules.check(new ScheduledJob(UUID.randomUUID().toString(), JobRules.name(in.name()), customer,
        in.agentId(), in.sourcePath(), in.destinationPath(), schedule, in.protocol(), in.direction(),
        in.enabled() == null || in.enabled(), in.scriptName(), in.params(),
        in.misfirePolicy() == null ? MisfirePolicy.DEFAULT : MisfirePolicy.parse(in.misfirePolicy()), null, now, now));
    repo.insert(job);
    planner.changed(job);
    return job;
  }

  /** Changes the sent fields of a job (an admin's act); agentId and customer stay. */
  public ScheduledJob update(String id, JobInput in) {
    ScheduledJob old = get(JobViewer.ADMIN, id);
    if (in.agentId() != null && !in.agentId().equals(old.agentId()))
      throw JobRules.invalid("agentId", "a job's agent cannot change; create a new job for another agent");
    if (in.customer() != null && !in.customer().equals(old.customer()))
      throw JobRules.invalid("customer", "a job's customer cannot change; create a new job for another customer");
    boolean toCopy = in.sourcePath() != null || in.destinationPath() != null;
    boolean toScript = in.scriptName() != null;
    // a server job switched between copy and script drops what the other kind had
    String scriptName = toScript ? in.scriptName() : toCopy && old.isServerJob() ? null : old.scriptName();
    Map<String, String> params = in.params() != null ? in.params() : toCopy && old.isServerJob() ? Map.of() : old.params();
    String source = in.sourcePath() != null ? in.sourcePath() : toScript && old.isServerJob() ? null : old.sourcePath();
    String dest = in.destinationPath() != null ? in.destinationPath()
        : toScript && old.isServerJob() ? null : old.destinationPath();
    CronSchedule schedule = CronSchedule.of(in.schedule() != null ? in.schedule() : old.schedule().expression(),
        in.timezone() != null ? in.timezone() : old.schedule().timezone());
    ScheduledJob job = rules.check(new ScheduledJob(old.id(), in.name() != null ? in.name() : old.name(),
        old.customer(), old.agentId(), source, dest, schedule,
        in.protocol() != null ? in.protocol() : old.protocol(),
        in.direction() != null ? in.direction() : old.direction(),
        in.enabled() != null ? in.enabled() : old.enabled(), scriptName, params,
        in.misfirePolicy() != null ? MisfirePolicy.parse(in.misfirePolicy()) : old.misfirePolicy(),
        old.lastRunAt(), old.createdAt(), clock.instant()));
    if (!repo.update(job)) throw new NotFoundException("scheduled job " + id + " does not exist");
    planner.changed(job);
    return job;
  }

  /** Deletes a job and its runs (an admin's act). */
  public void delete(String id) {
    if (!repo.delete(id)) throw new NotFoundException("scheduled job " + id + " does not exist");
    planner.removed(id);
  }

  /** The job, if {@code viewer} may see it; another tenant's job answers 404 like a missing one. */
  public ScheduledJob get(JobViewer viewer, String id) {
    return repo.find(id).filter(viewer::sees)
        .orElseThrow(() -> new NotFoundException("scheduled job " + id + " does not exist"));
  }

  /** The jobs {@code viewer} sees, with optional filters. */
  public Page<ScheduledJob> list(JobViewer viewer, String agentId, Boolean enabled, PageRequest page) {
    if (viewer.agentId() != null && agentId != null && !agentId.equals(viewer.agentId()))
      return new Page<>(List.of(), page.page(), page.limit(), 0);
    return repo.list(viewer.customer(), viewer.agentId() != null ? viewer.agentId() : agentId, enabled, page);
  }

  /** When the job fires next by its schedule; empty while disabled. */
  public Optional<Instant> nextRunAt(ScheduledJob job) {
    return job.enabled() ? job.schedule().next(clock.instant()) : Optional.empty();
  }

  /** The job's runs, newest first. */
  public Page<JobRun> runs(JobViewer viewer, String jobId, PageRequest page) {
    get(viewer, jobId);
    return repo.listRuns(jobId, page);
  }

  /** An agent's start of a run, by its own clock. */
  public record Started(JobRun run, boolean created) {}

  /**
   * Starts a run of the agent's job; a retry with the same client {@code runId} answers the run
   * it made the first time.
   *
   * @throws ConflictException when the id belongs to another job's run, or the firing has a run
   */
  public Started startRun(JobViewer agent, String jobId, String runId, Instant scheduledAt) {
    requireNonNull(agent.agentId(), "Only an agent starts runs");
    ScheduledJob job = get(agent, jobId);
    String id = runId == null ? UUID.randomUUID().toString() : clientId(runId);
    Optional<JobRun> existing = repo.findRun(id);
    if (existing.isPresent()) return again(existing.get(), jobId);
    Instant now = clock.instant();
    JobRun run = new JobRun(id, job.id(), agent.agentId(), null, scheduledAt, now, null, RunStatus.RUNNING, null, 0, 0,
        List.of());
    try {
      repo.insertRun(run);
    } catch (ConflictException e) {
      Optional<JobRun> raced = repo.findRun(id); // the same retry twice at once
      if (raced.isPresent()) return again(raced.get(), jobId);
      throw new ConflictException("job " + jobId + " already has a run for the firing at " + scheduledAt);
    }
    repo.touchLastRun(job.id(), now);
    return new Started(run, true);
  }

  private static Started again(JobRun run, String jobId) {
    if (!run.jobId().equals(jobId)) throw new ConflictException("run id " + run.id() + " belongs to another job");
    return new Started(run, false);
  }

  /** What an agent reports of a run; null fields stay as they were. */
  public record RunReport(RunStatus status, String error, Long bytes, Integer files, List<String> transferIds) {}

  /**
   * Records an agent's progress or end of a run.
   *
   * @throws ConflictException when the run already ended
   */
  public JobRun report(JobViewer agent, String jobId, String runId, RunReport r) {
    requireNonNull(agent.agentId(), "Only an agent reports runs");
    get(agent, jobId);
    JobRun run = repo.findRun(runId).filter(x -> x.jobId().equals(jobId))
        .orElseThrow(() -> new NotFoundException("run " + runId + " of job " + jobId + " does not exist"));
    if (run.status().isFinal()) throw new ConflictException("run " + runId + " already ended: " + run.status().wire());
    if (r.bytes() != null && r.bytes() < run.bytes())
      throw JobRules.invalid("bytes", "bytes never decrease: the run has " + run.bytes() + ", got " + r.bytes());
    if (r.files() != null && r.files() < 0) throw JobRules.invalid("files", "files must be 0 or more");
    if (r.transferIds() != null && r.transferIds().size() > MAX_TRANSFER_IDS)
      throw JobRules.invalid("transferIds", "at most " + MAX_TRANSFER_IDS + " transfer ids per run");
    long bytes = r.bytes() != null ? r.bytes() : run.bytes();
    int files = r.files() != null ? r.files() : run.files();
    List<String> ids = r.transferIds() != null ? r.transferIds() : run.transferIds();
    RunStatus status = r.status() == null ? RunStatus.RUNNING : r.status();
    JobRun next = status == RunStatus.RUNNING ? run.progressed(bytes, files, ids)
        : run.finished(status, clock.instant(), cut(r.error()), bytes, files, ids);
    if (!repo.updateRunning(next)) throw new ConflictException("run " + runId + " already ended");
    return next;
  }

  private String owner(String agentId, String customer) {
    if (agentId != null) {
      String owner = agents.customerOf(agentId)
          .orElseThrow(() -> JobRules.invalid("agentId", "no agent with id " + agentId));
      if (customer != null && !customer.equals(owner))
        throw JobRules.invalid("customer", "agent " + agentId + " belongs to customer " + owner + ", not " + customer);
      return owner;
    }
    if (customer != null && !isCustomer.test(customer))
      throw JobRules.invalid("customer", "user " + customer + " is not a customer");
    return customer;
  }

  private static String clientId(String id) {
    try {
      return UUID.fromString(id).toString();
    } catch (IllegalArgumentException e) {
      throw new ValidationException("id must be a UUID, got \"" + id + "\"", Map.of("field", "id"));
    }
  }

  private static String cut(String s) {
    return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
  }
}
