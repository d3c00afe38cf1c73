package ferry.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ferry.core.job.Job;
import ferry.core.job.JobOutcome;
import ferry.core.job.JobStatus;
import ferry.core.job.JobTrigger;
import ferry.store.Store;
import ferry.store.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** The server log's lines for a job's start and end (issue 11). */
class JobLinesTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger("ferry.job");
  private final ListAppender<ILoggingEvent> seen = new ListAppender<>();
  private Level before;

  @BeforeEach
  void capture() {
    seen.start();
    logger.addAppender(seen);
    before = logger.getLevel();
    logger.setLevel(Level.INFO);
  }

  @AfterEach
  void release() {
    logger.detachAppender(seen);
    logger.setLevel(before);
  }

  private static Job job(String id) {
    return new Job(id, null, "nightly", null, "src", Map.of(), JobTrigger.API, JobStatus.QUEUED, null, null, "o",
        null, Instant.now(), null, null);
  }

  @Test
  void linesNameTheJobItsScriptTriggerStatusDurationAndError() {
    Job j = job("42");
    assertThat(JobLines.startMessage(j)).isEqualTo("job 42 started script=nightly trigger=api");
    assertThat(JobLines.endMessage(j, JobOutcome.completed(), Duration.ofMillis(3_240)))
        .isEqualTo("job 42 completed in 3.2 s");
    assertThat(JobLines.endMessage(j, JobOutcome.failed(2, "ReferenceError: x is not defined"), Duration.ofMillis(95)))
        .isEqualTo("job 42 failed in 95 ms (exit 2): ReferenceError: x is not defined");
    assertThat(JobLines.endMessage(j, new JobOutcome(JobStatus.CANCELLED, 0, "cancelled"), Duration.ofSeconds(1)))
        .isEqualTo("job 42 cancelled in 1.0 s");
  }

  @Test
  void aJobRunOnTheWorkersLogsItsStartAndItsEndWithFields() throws Exception {
    try (Store store = Store.open(TestDatabases.h2Memory(), 2);
        JobWorkers workers = new JobWorkers(store.jobs(), (job, ctx) -> JobOutcome.failed(3, "boom"),
            new WorkerConfig("n1", 1, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(50), true),
            Clock.systemUTC())) {
      workers.start();
      Job j = job("j-7");
      store.jobs().insert(j);
      workers.queued(j);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (seen.list.size() < 2 && System.nanoTime() < end) {
        Thread.sleep(5);
      }
    }
    List<ILoggingEvent> lines = List.copyOf(seen.list);
    assertThat(lines).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "job j-7 started script=nightly trigger=api", lines.get(1).getFormattedMessage());
    assertThat(lines.get(1).getFormattedMessage()).startsWith("job j-7 failed in ").endsWith(" (exit 3): boom");
    assertThat(lines).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.WARN);
    assertThat(fields(lines.get(0))).containsEntry("job_id", "j-7").containsEntry("script", "nightly")
        .containsEntry("trigger", "api").containsEntry("status", "running");
    assertThat(fields(lines.get(1))).containsEntry("status", "failed").containsEntry("exit_code", 3)
        .containsEntry("error", "boom").containsKey("duration_ms");
    assertThat(lines).allSatisfy(e -> assertThat(e.getMDCPropertyMap()).doesNotContainKey("job_id"));
  }

  private static Map<String, Object> fields(ILoggingEvent e) {
    return e.getKeyValuePairs().stream().collect(Collectors.toMap(p -> p.key, p -> p.value));
  }
}
