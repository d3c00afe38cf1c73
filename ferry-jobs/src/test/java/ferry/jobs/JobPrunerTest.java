package ferry.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.job.Job;
import ferry.core.job.JobFilter;
import ferry.core.job.JobLogLine;
import ferry.core.job.JobRepository;
import ferry.core.job.JobRetention;
import ferry.core.job.JobStatus;
import ferry.core.job.JobSummary;
import ferry.core.job.JobTrigger;
import ferry.core.page.PageRequest;
import ferry.store.Store;
import ferry.store.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobPrunerTest {
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private final Store store = Store.open(TestDatabases.h2Memory(), 2);
  private final JobRepository repo = store.jobs();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @AfterEach
  void close() {
    store.close();
  }

  private void finished(String id, Duration ago) {
    repo.insert(new Job(id, null, "s", null, "src", Map.of(), JobTrigger.API, JobStatus.QUEUED, null, null, "o",
        null, NOW.minus(ago), null, null));
    repo.claim(id, "n1", NOW.minus(ago));
    repo.finish(id, JobStatus.FAILED, 1, "x", NOW.minus(ago), List.of(new JobLogLine(1, NOW, "INFO", "l")));
  }

  private List<String> left() {
    return repo.list(new JobFilter(null, null, null), new PageRequest(1, 100)).items().stream()
        .map(JobSummary::id).toList();
  }

  @Test
  void jobsOlderThanTheAgeAndBeyondTheNewestAreDeletedInBatches() {
    for (int i = 0; i < 7; i++) finished("old" + i, Duration.ofDays(40 + i));
    for (int i = 0; i < 5; i++) finished("new" + i, Duration.ofHours(5 - i));
    repo.insert(new Job("waiting", null, "s", null, "src", Map.of(), JobTrigger.API, JobStatus.QUEUED, null, null,
        "o", null, NOW.minus(Duration.ofDays(90)), null, null));

    JobPruner pruner = new JobPruner(repo, new JobRetention(Duration.ofDays(30), 3), Duration.ofMinutes(1), clock, 2);

    assertThat(pruner.pruneNow()).isEqualTo(7 + 2);
    assertThat(left()).containsExactly("waiting", "new4", "new3", "new2");
    assertThat(repo.log("new0", 0, 10)).isEmpty();
    assertThat(pruner.pruneNow()).isZero();
  }

  @Test
  void aRetentionOfZeroKeepsEverything() {
    finished("ancient", Duration.ofDays(4000));
    try (JobPruner pruner = new JobPruner(repo, new JobRetention(Duration.ZERO, 0), Duration.ofMinutes(1), clock)) {
      pruner.start();
      assertThat(pruner.pruneNow()).isZero();
    }
    assertThat(left()).containsExactly("ancient");
  }
}
