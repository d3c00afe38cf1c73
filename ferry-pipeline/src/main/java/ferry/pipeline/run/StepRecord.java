package ferry.pipeline.run;

import ferry.core.pipeline.PipelineRepository;
import ferry.core.pipeline.RunStep;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One step of a run as it goes, stored at each change of status (and of its log, at most once a
 * second): only the last {@link #MAX_LOG_LINES} log lines are kept, each cut at {@link #MAX_LINE}.
 */
final class StepRecord {
  static final int MAX_LOG_LINES = 200;
  static final int MAX_LINE = 2000;
  static final String PENDING = "pending";
  static final String RUNNING = "running";
  static final String COMPLETED = "completed";
  static final String FAILED = "failed";
  static final String SKIPPED = "skipped";

  private final PipelineRepository repo;
  private final Clock clock;
  final String runId;
  final int index;
  final String type;
  /** How the step is named in messages: "zip", "deliver to vfs:s3-out:/inbound". */
  final String label;
  private final Deque<String> log = new ArrayDeque<>();
  String status = PENDING;
  int attempts;
  int filesIn;
  int filesOut;
  long bytesIn;
  long bytesOut;
  String error;
  Instant startedAt;
  Instant endedAt;
  private Instant savedAt = Instant.EPOCH;

  StepRecord(PipelineRepository repo, Clock clock, String runId, int index, String type, String label) {
    this.repo = repo;
    this.clock = clock;
    this.runId = runId;
    this.index = index;
    this.type = type;
    this.label = label;
  }

  /** A step as stored before (a resumed run keeps the log and attempts of the steps it did). */
  void restore(RunStep stored) {
    log.addAll(stored.log());
    status = stored.status();
    attempts = stored.attempts();
    startedAt = stored.startedAt();
  }

  /** Keeps the log and attempts of this step's attempt that a stopped node left, before it runs again. */
  synchronized void keepLog(RunStep stored) {
    log.addAll(stored.log());
    while (log.size() > MAX_LOG_LINES) log.removeFirst();
    attempts = stored.attempts();
  }

  synchronized void log(String line) {
    append(line);
    if (clock.instant().isAfter(savedAt.plusSeconds(1))) save();
  }

  private synchronized void append(String line) {
    String l = line == null ? "" : line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line;
    log.addLast(clock.instant() + " " + l);
    while (log.size() > MAX_LOG_LINES) log.removeFirst();
  }

  void start() {
    status = RUNNING;
    if (startedAt == null) startedAt = clock.instant();
    endedAt = null;
    error = null;
    save();
  }

  void end(String finalStatus, String why) {
    status = finalStatus;
    error = RunExecution.cut(why);
    endedAt = clock.instant();
    save();
  }

  synchronized void save() {
    savedAt = clock.instant();
    repo.saveStep(new RunStep(runId, index, type, status, attempts, filesIn, filesOut, bytesIn, bytesOut, error,
        List.copyOf(log), startedAt, endedAt));
  }
}
