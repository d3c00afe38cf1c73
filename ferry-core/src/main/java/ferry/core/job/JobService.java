package ferry.core.job;

import static java.util.Objects.requireNonNull;

import ferry.core.Ids;
import ferry.core.auth.Actor;
import ferry.core.auth.RateLimiter;
import ferry.core.error.ConflictException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PayloadTooLargeException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.RateLimitedException;
import ferry.core.error.ValidationException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.settings.SettingsService;
import ferry.core.transfer.TransferRecord;
import ferry.core.transfer.TransferRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Starting, following and cancelling jobs. */
public final class JobService {
  /** The most jobs one listing page holds. */
  public static final int MAX_LIST_LIMIT = 200;
  /** The most log lines one read of a job's log returns; the rest come with a later {@code afterSeq}. */
  public static final int MAX_LOG_LINES = 1000;
  // The widths of the jobs table's columns (V1__core.sql): longer values are refused, not cut.
  private static final int MAX_NAME_CHARS = 200;
  private static final int MAX_FILE_PATH_CHARS = 4000;

  private final JobRepository jobs;
  private final ScriptService scripts;
  private final ScriptFiles files;
  private final SettingsService settings;
  private final TransferRepository transferRecords;
  private final JobLimits limits;
  private final RateLimiter starts;
  private final Clock clock;
  private volatile JobEvents events = JobEvents.NONE;

  public JobService(
      JobRepository jobs, ScriptService scripts, ScriptFiles files, SettingsService settings,
      TransferRepository transferRecords, JobLimits limits, Clock clock) {
    this.jobs = requireNonNull(jobs, "No job repository");
    this.scripts = requireNonNull(scripts, "No script service");
    this.files = requireNonNull(files, "No script files");
    this.settings = requireNonNull(settings, "No settings");
    this.transferRecords = requireNonNull(transferRecords, "No transfer repository");
    this.limits = requireNonNull(limits, "No job limits");
    this.clock = requireNonNull(clock, "No clock");
    this.starts = new RateLimiter(limits.startLimit(), clock);
  }

  /** Connects this node's workers; until then jobs wait for the workers' next poll. */
  public void setEvents(JobEvents events) {
    this.events = requireNonNull(events, "No job events");
  }

  /** Queues a job for a stored script or a script file; answers at once. */
  public Job submit(Actor actor, JobRequest req) {
    int selectors =
        (req.scriptName() != null ? 1 : 0) + (req.scriptId() != null ? 1 : 0) + (req.filePath() != null ? 1 : 0);
    if (selectors != 1)
      throw new ValidationException(
          "exactly one of scriptName, scriptId or filePath is required, got " + selectors);
    checkParams(req.params());
    checkStartRate(actor);
    if (req.scriptName() != null) return queue(actor, scripts.getByName(req.scriptName()), null, req);
    if (req.scriptId() != null) return queue(actor, scripts.getById(req.scriptId()), null, req);
    ScriptFiles.ScriptFile f = files.read(req.filePath());
    scripts.checkSource(f.name(), f.source());
    return queue(actor, new Script(null, f.name(), "", f.source(), null, null), f.path(), req);
  }

  /** Queues a script sent by {@code ferry run}; refused while Allow CLI Run is off. */
  public Job submitCliRun(Actor actor, String name, String source, Map<String, String> params) {
    requireCliRunAllowed();
    actor.requireAdmin("run script files");
    String n = name == null || name.isBlank() ? "cli-script" : name;
    checkParams(params == null ? Map.of() : params);
    checkStorable(n, n);
    scripts.checkSource(n, source);
    return queue(actor, new Script(null, n, "", source, null, null), n,
        new JobRequest(null, null, n, params, JobTrigger.CLI));
  }

  /**
   * Records a {@code ferry run} job that the calling process runs itself because no server runs:
   * it is stored already running on {@code node}.
   */
  public Job startDirect(String name, String filePath, String source, Map<String, String> params, String node) {
    requireCliRunAllowed();
    checkParams(params);
    checkStorable(name, filePath);
    scripts.checkSource(name, source);
    Instant now = clock.instant();
    Job job = new Job(Ids.newId(), null, name, filePath, source, params, JobTrigger.CLI, JobStatus.RUNNING,
        null, null, Actor.system().who(), node, now, now, null);
    jobs.insert(job);
    return job;
  }

  /** Throws when the setting Allow CLI Run is off. */
  public void requireCliRunAllowed() {
    if (!settings.get().allowCliRun())
      throw new PermissionDeniedException(
          "ferry run is disabled: the setting Allow CLI Run is off; an admin can turn it on with"
              + " `ferry settings set allow-cli-run true`");
  }

  public Job get(Actor actor, String id) {
    return jobs.find(id)
        .filter(j -> actor.owns(j.owner()))
        .orElseThrow(() -> new NotFoundException("no job with id '" + id + "'"));
  }

  /**
   * The caller's jobs (all jobs for an admin), newest first, without source and params.
   *
   * @throws ValidationException for a page of more than {@link #MAX_LIST_LIMIT} jobs
   */
  public Page<JobSummary> list(Actor actor, JobStatus status, String script, PageRequest page) {
    if (page.limit() > MAX_LIST_LIMIT)
      throw new ValidationException("limit must be between 1 and " + MAX_LIST_LIMIT + ", got " + page.limit());
    return jobs.list(new JobFilter(status, script, actor.isAdmin() ? null : actor.who()), page);
  }

  /** Up to {@link #MAX_LOG_LINES} of the job's log lines after {@code afterSeq}. */
  public List<JobLogLine> log(Actor actor, String id, long afterSeq) {
    get(actor, id);
    return jobs.log(id, afterSeq, MAX_LOG_LINES);
  }

  /** The files the job moved, in the order they ended. */
  public List<TransferRecord> transfers(Actor actor, String id) {
    get(actor, id);
    return transferRecords.byJob(id);
  }

  /** Cancels a queued job at once, or asks the node running it to stop it. */
  public Job cancel(Actor actor, String id) {
    Job j = get(actor, id);
    if (j.status().isFinal())
      throw new ConflictException("job '" + id + "' already ended: " + j.status().wire());
    if (!jobs.cancelQueued(id, clock.instant())) {
      if (!jobs.requestCancel(id)) {
        throw new ConflictException("job '" + id + "' already ended: " + get(actor, id).status().wire());
      }
      events.cancelRequested(id);
    }
    return get(actor, id);
  }

  /**
   * Refuses a job start beyond the caller's rate. Only jobs-scope keys are limited: an admin may
   * delete anything anyway, and schedules run as the system.
   */
  private void checkStartRate(Actor actor) {
    if (actor.isAdmin()) return;
    Duration wait = starts.tryAcquire(actor.who());
    if (!wait.isZero())
      throw new RateLimitedException("too many job starts with this API key: at most "
          + limits.startBurst() + " at once and " + limits.startsPerSecond() + " per second; try again in "
          + Math.max(1, wait.toMillis()) + " ms", wait);
  }

  /** Refuses params larger than the limit, so that no caller can fill the database with them. */
  private void checkParams(Map<String, String> params) {
    long chars = 0;
    for (Map.Entry<String, String> e : params.entrySet()) chars += e.getKey().length() + e.getValue().length();
    if (chars > limits.maxParamsChars())
      throw new PayloadTooLargeException("params are " + chars + " characters (names and values); at most "
          + limits.maxParamsChars() + " are accepted per job: pass large data in a file or through the VFS Library");
  }

  /** Refuses what would not fit the job's row, before the database is asked. */
  private void checkStorable(String name, String filePath) {
    if (name.length() > MAX_NAME_CHARS)
      throw new ValidationException("the script name is longer than " + MAX_NAME_CHARS + " characters");
    if (filePath != null && filePath.length() > MAX_FILE_PATH_CHARS)
      throw new ValidationException("the script file path is longer than " + MAX_FILE_PATH_CHARS + " characters");
  }

  private Job queue(Actor actor, Script script, String filePath, JobRequest req) {
    checkStorable(script.name(), filePath);
    Instant now = clock.instant();
    Job job =
        new Job(Ids.newId(), script.id(), script.name(), filePath, script.source(), req.params(),
            req.trigger(), JobStatus.QUEUED, null, null, actor.who(), null, now, null, null);
    jobs.insert(job);
    events.queued(job);
    return job;
  }
}
