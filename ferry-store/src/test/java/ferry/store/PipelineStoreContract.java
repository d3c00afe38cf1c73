package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.ConflictException;
import ferry.core.page.PageRequest;
import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRun;
import ferry.core.pipeline.PipelineRunStatus;
import ferry.core.pipeline.PipelineVersion;
import ferry.core.pipeline.RunFile;
import ferry.core.pipeline.RunStep;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pipelines, versions, runs, steps, files and seen keys on every supported database; subclassed for H2 and PostgreSQL. */
abstract class PipelineStoreContract extends OpenStore {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123456Z");
  private static final PageRequest ALL = new PageRequest(1, 100);

  @Test
  void pipelinesRoundTripFilterAndSearch() {
    Pipeline admin = pipeline(null, "daily-etl", "Daily ETL", true, T0);
    Pipeline alice = pipeline("alice", "daily-etl", "Invoices 100%_done", false, T0.plusSeconds(1));
    insert(admin);
    insert(alice);
    assertThat(store.pipelines().find(alice.id())).contains(alice);
    assertThat(ids(store.pipelines().list(null, null, null, ALL).items())).containsExactly(alice.id(), admin.id());
    assertThat(ids(store.pipelines().list("alice", null, null, ALL).items())).containsExactly(alice.id());
    assertThat(ids(store.pipelines().list(null, true, null, ALL).items())).containsExactly(admin.id());
    assertThat(ids(store.pipelines().list(null, null, "INVOICES", ALL).items())).containsExactly(alice.id());
    assertThat(ids(store.pipelines().list(null, null, "100%_", ALL).items())).containsExactly(alice.id());
    assertThat(ids(store.pipelines().list(null, null, "0%x", ALL).items())).isEmpty(); // % is literal
    assertThat(store.pipelines().list(null, null, null, new PageRequest(2, 1)).total()).isEqualTo(2);
    assertThat(store.pipelines().enabledWithTrigger("manual")).extracting(Pipeline::id).containsExactly(admin.id());

    Pipeline renamed = alice.withMetadata("Renamed", "about it", true, T0.plusSeconds(9));
    assertThat(store.pipelines().updateMetadata(renamed)).isTrue();
    assertThat(store.pipelines().find(alice.id())).contains(renamed);
  }

  @Test
  void identifiersAreUniquePerOwnerAdminsIncluded() {
    insert(pipeline(null, "x", "n", true, T0));
    insert(pipeline("alice", "x", "n", true, T0));
    insert(pipeline("bob", "x", "n", true, T0));
    assertThatThrownBy(() -> insert(pipeline(null, "x", "n", true, T0)))
        .isInstanceOf(ConflictException.class).hasMessage("a pipeline with identifier x already exists");
    assertThatThrownBy(() -> insert(pipeline("alice", "x", "n", true, T0))).isInstanceOf(ConflictException.class);
  }

  @Test
  void yamlChangesAreVersionsWithAnOptimisticCheck() {
    Pipeline p = pipeline(null, "p", "n", true, T0);
    insert(p);
    Pipeline v2 = p.withYaml(2, "source: {vfs: b}\n", "cron", T0.plusSeconds(5));
    assertThat(store.pipelines().updateYaml(v2, new PipelineVersion(p.id(), 2, v2.yaml(), "root", v2.updatedAt()), 1))
        .isTrue();
    Pipeline stale = p.withYaml(2, "other", "manual", T0.plusSeconds(6));
    assertThat(store.pipelines().updateYaml(stale, new PipelineVersion(p.id(), 2, "other", "root", T0), 1)).isFalse();
    assertThat(store.pipelines().find(p.id())).contains(v2);
    assertThat(store.pipelines().versions(p.id(), ALL).items()).extracting(PipelineVersion::version)
        .containsExactly(2, 1);
    assertThat(store.pipelines().version(p.id(), 1)).contains(
        new PipelineVersion(p.id(), 1, p.yaml(), "root", T0));
    assertThat(store.pipelines().version(p.id(), 3)).isEmpty();
    assertThat(store.pipelines().enabledWithTrigger("cron")).extracting(Pipeline::id).containsExactly(p.id());
  }

  @Test
  void runsStepsAndFilesRoundTrip() {
    Pipeline p = pipeline(null, "p", "n", true, T0);
    insert(p);
    PipelineRun queued = run(p.id(), null, T0);
    assertThat(store.pipelines().insertRun(queued)).isTrue();
    PipelineRun running = queued.withStarted("node-1", T0.plusSeconds(1));
    assertThat(store.pipelines().updateRunIf(running, PipelineRunStatus.QUEUED)).isTrue();
    assertThat(store.pipelines().updateRunIf(running, PipelineRunStatus.QUEUED)).isFalse(); // claimed once
    assertThat(store.pipelines().runsIn(PipelineRunStatus.RUNNING)).containsExactly(running);

    RunStep step = new RunStep(queued.id(), 0, "source", "running", 1, 0, 0, 0, 0, null, List.of(),
        T0.plusSeconds(1), null);
    store.pipelines().saveStep(step);
    RunStep done = new RunStep(queued.id(), 0, "source", "completed", 2, 3, 3, 30, 30, null,
        List.of("picked a.csv", "", "picked b.csv"), T0.plusSeconds(1), T0.plusSeconds(2));
    store.pipelines().saveStep(done);
    store.pipelines().saveStep(new RunStep(queued.id(), 1, "zip", "failed", 1, 3, 0, 30, 0, "disk full",
        List.of("x"), T0.plusSeconds(2), T0.plusSeconds(3)));
    assertThat(store.pipelines().steps(queued.id())).extracting(RunStep::index).containsExactly(0, 1);
    assertThat(store.pipelines().steps(queued.id()).getFirst()).isEqualTo(done);

    RunFile a = new RunFile(queued.id(), "/in/a.csv", "/out/a.csv", 10, "ab".repeat(32), "completed", "t-1", null);
    RunFile b = new RunFile(queued.id(), "/in/b.csv", "/out/b.csv", 0, null, "failed", null, "refused");
    store.pipelines().insertFile(a);
    store.pipelines().insertFile(b);
    assertThat(store.pipelines().files(queued.id(), ALL).items()).containsExactly(a, b);
    assertThat(store.pipelines().files(queued.id(), new PageRequest(2, 1)).items()).containsExactly(b);
    assertThat(store.pipelines().files(queued.id(), new PageRequest(1, 1)).total()).isEqualTo(2);

    PipelineRun ended = running.withCompletedSteps(1, 30, 30, 3)
        .withEnded(PipelineRunStatus.FAILED, "step 2 (zip): disk full", T0.plusSeconds(3));
    assertThat(store.pipelines().updateRun(ended)).isTrue();
    assertThat(store.pipelines().findRun(queued.id())).contains(ended);
    assertThat(store.pipelines().updateRun(run(p.id(), null, T0))).isFalse(); // never stored
  }

  @Test
  void aFiringHasOneRunWhileManualRunsRepeat() {
    Pipeline p = pipeline(null, "p", "n", true, T0);
    insert(p);
    assertThat(store.pipelines().insertRun(run(p.id(), "cron:2026-12-06T10:00Z", T0))).isTrue();
    assertThat(store.pipelines().insertRun(run(p.id(), "cron:2026-12-06T10:00Z", T0))).isFalse();
    assertThat(store.pipelines().insertRun(run(p.id(), null, T0.plusSeconds(1)))).isTrue();
    assertThat(store.pipelines().insertRun(run(p.id(), null, T0.plusSeconds(2)))).isTrue();
    assertThat(store.pipelines().runs(p.id(), ALL).items()).extracting(PipelineRun::createdAt)
        .containsExactly(T0.plusSeconds(2), T0.plusSeconds(1), T0);
    assertThat(store.pipelines().runs(p.id(), new PageRequest(1, 2)).total()).isEqualTo(3);
    PipelineRun first = store.pipelines().runs(p.id(), ALL).items().getLast();
    store.pipelines().updateRun(first.withEnded(PipelineRunStatus.COMPLETED, null, T0.plusSeconds(5)));
    assertThat(store.pipelines().runs(p.id(), PipelineRunStatus.COMPLETED, ALL).items()).extracting(PipelineRun::id)
        .containsExactly(first.id());
    assertThat(store.pipelines().runs(p.id(), PipelineRunStatus.QUEUED, ALL).total()).isEqualTo(2);
    assertThat(store.pipelines().runs(p.id(), null, ALL).total()).isEqualTo(3);
  }

  @Test
  void aKeyIsSeenOnceUntilItsRunIsForgotten() {
    Pipeline p = pipeline(null, "p", "n", true, T0);
    insert(p);
    assertThat(store.pipelines().markSeen(p.id(), "/in/a.csv|10|t", "r1", T0)).isTrue();
    assertThat(store.pipelines().markSeen(p.id(), "/in/a.csv|10|t", "r2", T0)).isFalse();
    assertThat(store.pipelines().markSeen(p.id(), "/in/b.csv|10|t", "r2", T0)).isTrue();
    store.pipelines().forgetSeen(p.id(), "r1");
    assertThat(store.pipelines().markSeen(p.id(), "/in/a.csv|10|t", "r3", T0)).isTrue();
    assertThat(store.pipelines().markSeen(p.id(), "/in/b.csv|10|t", "r3", T0)).isFalse();
  }

  @Test
  void deletingAPipelineDeletesEverythingOfIt() {
    Pipeline p = pipeline("alice", "p", "n", true, T0);
    Pipeline other = pipeline("alice", "q", "n", true, T0);
    insert(p);
    insert(other);
    PipelineRun r = run(p.id(), null, T0);
    PipelineRun kept = run(other.id(), null, T0);
    store.pipelines().insertRun(r);
    store.pipelines().insertRun(kept);
    store.pipelines().saveStep(new RunStep(r.id(), 0, "source", "completed", 1, 0, 0, 0, 0, null, List.of(), T0, T0));
    store.pipelines().insertFile(new RunFile(r.id(), "a", "b", 1, null, "completed", null, null));
    store.pipelines().markSeen(p.id(), "k", r.id(), T0);
    store.pipelines().markSeen(other.id(), "k", kept.id(), T0);

    assertThat(store.pipelines().delete(p.id())).isTrue();
    assertThat(store.pipelines().delete(p.id())).isFalse();
    assertThat(store.pipelines().find(p.id())).isEmpty();
    assertThat(store.pipelines().findRun(r.id())).isEmpty();
    assertThat(store.pipelines().steps(r.id())).isEmpty();
    assertThat(store.pipelines().files(r.id(), ALL).total()).isZero();
    assertThat(store.pipelines().versions(p.id(), ALL).total()).isZero();
    assertThat(store.pipelines().findRun(kept.id())).isPresent();
    assertThat(store.pipelines().markSeen(other.id(), "k", "again", T0)).isFalse();
  }

  private void insert(Pipeline p) {
    store.pipelines().insert(p, new PipelineVersion(p.id(), 1, p.yaml(), p.createdBy(), p.createdAt()));
  }

  private static Pipeline pipeline(String customer, String identifier, String name, boolean enabled, Instant at) {
    return new Pipeline(UUID.randomUUID().toString(), identifier, name, "", customer, enabled, 1,
        "source: {vfs: a}\nsteps: []\ndestination: {vfs: b}\n", "manual", "root", at, at);
  }

  private static PipelineRun run(String pipelineId, String key, Instant at) {
    return new PipelineRun(UUID.randomUUID().toString(), pipelineId, 1, PipelineRunStatus.QUEUED,
        key == null ? "manual" : "cron", key, key == null ? "root" : "system", null, 0, 0, 0, 0, null, at, null, null);
  }

  private static List<String> ids(List<Pipeline> ps) {
    return ps.stream().map(Pipeline::id).toList();
  }
}
