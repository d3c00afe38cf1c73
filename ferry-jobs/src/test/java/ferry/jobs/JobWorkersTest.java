package ferry.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.job.Job;
import ferry.core.job.JobExecutor;
import ferry.core.job.JobLogLine;
import ferry.core.job.JobOutcome;
import ferry.core.job.JobRepository;
import ferry.core.job.JobStatus;
import ferry.core.job.JobTrigger;
import ferry.store.Store;
import ferry.store.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobWorkersTest {
  private final Store store = Store.open(TestDatabases.h2Memory(), 4);
  private final JobRepository repo = store.jobs();
  private final Clock clock = Clock.systemUTC();
  private JobWorkers workers;

  @AfterEach
  void close() {
    if (workers != null) workers.close();
    store.close();
  }

  private void start(JobExecutor executor, int n) {
    start(executor, n, Duration.ofSeconds(5));
  }

  private void start(JobExecutor executor, int n, Duration pollInterval) {
    workers = new JobWorkers(repo, executor, new WorkerConfig("n1", n, pollInterval,
        Duration.ofSeconds(5), Duration.ofMillis(50), true), clock);
    workers.start();
  }

  private String queue(String id) {
    Job job = queuedJob(id);
    repo.insert(job);
    workers.queued(job);
    return id;
  }

  private static Job queuedJob(String id) {
    return new Job(id, null, "s", null, "src", Map.of(), JobTrigger.API, JobStatus.QUEUED, null, null, "o",
        null, Instant.now(), null, null);
  }

  private Job awaitEnd(String id) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      Job j = repo.find(id).orElseThrow();
      if (j.status().isFinal()) return j;
      Thread.sleep(5);
    }
    throw new AssertionError("job " + id + " did not end");
  }

  @Test
  void aQueuedJobStartsAtOnceWithoutWaitingForThePoll() throws Exception {
    start((job, ctx) -> {
      ctx.log("INFO", "hello " + job.id());
      return JobOutcome.completed();
    }, 2);
    long t0 = System.nanoTime();
    Job done = awaitEnd(queue("j1"));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.node()).isEqualTo("n1");
    assertThat(repo.log("j1", 0, 100)).extracting(JobLogLine::message).containsExactly("hello j1");
  }

  @Test
  void noMoreJobsRunAtOnceThanThereAreWorkers() throws Exception {
    Set<String> running = ConcurrentHashMap.newKeySet();
    int[] peak = {0};
    start((job, ctx) -> {
      running.add(job.id());
      synchronized (peak) {
        peak[0] = Math.max(peak[0], running.size());
      }
      sleep(30);
      running.remove(job.id());
      return JobOutcome.completed();
    }, 3);
    for (int i = 0; i < 12; i++) queue("j" + i);
    for (int i = 0; i < 12; i++) assertThat(awaitEnd("j" + i).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(peak[0]).isEqualTo(3);
  }

  @Test
  void aLocalJobClaimedElsewhereFirstIsNotRunHere() throws Exception {
    Set<String> ran = ConcurrentHashMap.newKeySet();
    Job taken = queuedJob("taken");
    repo.insert(taken);
    assertThat(repo.claim("taken", "n2", Instant.now())).isTrue();
    start((job, ctx) -> {
      ran.add(job.id());
      return JobOutcome.completed();
    }, 2);
    workers.queued(taken);
    assertThat(awaitEnd(queue("after")).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(ran).containsExactly("after");
    assertThat(repo.find("taken").orElseThrow().node()).isEqualTo("n2");
  }

  @Test
  void jobsQueuedByOtherNodesStartAtTheNextPoll() throws Exception {
    start((job, ctx) -> JobOutcome.completed(), 2, Duration.ofMillis(100));
    repo.insert(queuedJob("remote"));
    Job done = awaitEnd("remote");
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.node()).isEqualTo("n1");
  }

  @Test
  void moreJobsThanWorkersAllRunWhenQueuedBothLocallyAndElsewhere() throws Exception {
    start((job, ctx) -> {
      sleep(5);
      return JobOutcome.completed();
    }, 2, Duration.ofMillis(100));
    for (int i = 0; i < 10; i++) {
      repo.insert(queuedJob("r" + i));
      queue("l" + i);
    }
    for (int i = 0; i < 10; i++) {
      assertThat(awaitEnd("r" + i).status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(awaitEnd("l" + i).status()).isEqualTo(JobStatus.COMPLETED);
    }
  }

  @Test
  void localJobsBeyondTheRememberedSizeStillRun() throws Exception {
    CountDownLatch allQueued = new CountDownLatch(1);
    start((job, ctx) -> {
      await(allQueued);
      return JobOutcome.completed();
    }, 1, Duration.ofSeconds(30)); // far beyond awaitEnd's 10 s: the overflow itself must trigger a scan
    String big = "x".repeat(1_000_000);
    for (int i = 0; i < 20; i++) {
      Job job = new Job("b" + i, null, "s", null, big, Map.of(), JobTrigger.API, JobStatus.QUEUED, null, null, "o",
          null, Instant.now(), null, null);
      repo.insert(job);
      workers.queued(job);
    }
    allQueued.countDown();
    for (int i = 0; i < 20; i++) assertThat(awaitEnd("b" + i).status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void cancellingARunningJobReachesItsExecutor() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    start(runsUntilCancelled(started), 1);
    queue("j1");
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(repo.requestCancel("j1")).isTrue();
    workers.cancelRequested("j1");
    assertThat(awaitEnd("j1").status()).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void anExecutorThatThrowsFailsOnlyItsJob() throws Exception {
    start((job, ctx) -> {
      if (job.id().equals("bad")) throw new IllegalStateException("boom");
      return JobOutcome.completed();
    }, 2);
    assertThat(awaitEnd(queue("bad")).status()).isEqualTo(JobStatus.FAILED);
    assertThat(awaitEnd(queue("good")).status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void shutdownInterruptsJobsPastTheDeadline() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    start(runsUntilCancelled(started), 1);
    queue("j1");
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    workers.shutdown(Duration.ofMillis(100));
    Job j = repo.find("j1").orElseThrow();
    assertThat(j.status()).isEqualTo(JobStatus.INTERRUPTED);
    assertThat(j.error()).contains("shut down");
  }

  @Test
  void runningJobsLeftByADeadProcessAreInterruptedAtStart() {
    repo.insert(new Job("old", null, "s", null, "src", Map.of(), JobTrigger.API, JobStatus.QUEUED, null, null, "o",
        null, Instant.now(), null, null));
    repo.claim("dead-node", 1, Instant.now());
    start((job, ctx) -> JobOutcome.completed(), 1);
    assertThat(repo.find("old").orElseThrow().status()).isEqualTo(JobStatus.INTERRUPTED);
  }

  /** An executor whose jobs signal {@code started} and then run until they are cancelled. */
  private static JobExecutor runsUntilCancelled(CountDownLatch started) {
    return (job, ctx) -> {
      CountDownLatch stop = new CountDownLatch(1);
      ctx.onCancel(stop::countDown);
      started.countDown();
      await(stop);
      return new JobOutcome(JobStatus.CANCELLED, 1, "cancelled");
    };
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch l) {
    try {
      l.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
