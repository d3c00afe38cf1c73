package ferry.pipeline.run;

import static ferry.pipeline.run.RunnerFixture.def;
import static ferry.pipeline.run.RunnerFixture.dest;
import static ferry.pipeline.run.RunnerFixture.source;
import static ferry.pipeline.run.RunnerFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.page.PageRequest;
import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRun;
import ferry.core.pipeline.PipelineRunStatus;
import ferry.core.pipeline.RunFile;
import ferry.core.pipeline.RunStep;
import ferry.core.transfer.TransferRecord;
import ferry.pipeline.definition.Destination.Overwrite;
import ferry.pipeline.definition.Location;
import ferry.pipeline.definition.PipelineDefinition;
import ferry.pipeline.definition.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineRunnerTest {
  @TempDir Path tmp;
  RunnerFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new RunnerFixture(tmp);
  }

  @Test
  void picksByPatternSizeAndAgeRunsTheStepsAndDeliversEachFileOnceWithItsSha256() throws Exception {
    f.file("a.csv", "alpha");
    f.file("b.txt", "not a csv");
    f.file("tiny.csv", "x");
    f.file("big.csv", "y".repeat(200));
    f.file("fresh.csv", "still being written", Duration.ZERO);
    f.file("sub/deep.csv", "not recursive");
    Source src = new Source(new Location("in", null, "/"), "*.csv", null, false, 2L, 100L, Duration.ofSeconds(30),
        null, null);
    Pipeline p = f.pipeline("manual");

    PipelineRun run = f.run(p, def(src, List.of(step("upper")), dest(Overwrite.REPLACE)), "manual");

    assertThat(run.status()).as(run.error()).isEqualTo(PipelineRunStatus.COMPLETED);
    assertThat(f.outNames()).containsExactly("a.csv");
    assertThat(f.read(f.out.resolve("a.csv"))).isEqualTo("ALPHA");
    assertThat(run.files()).isEqualTo(1);
    assertThat(run.bytesIn()).isEqualTo(5);
    assertThat(run.bytesOut()).isEqualTo(5);
    List<RunFile> files = f.repo.files(run.id(), PageRequest.first()).items();
    assertThat(files).singleElement().satisfies(rf -> {
      assertThat(rf.source()).isEqualTo("/a.csv");
      assertThat(rf.destination()).isEqualTo("vfs:out:/a.csv");
      assertThat(rf.sha256()).isEqualTo(sha256(f.out.resolve("a.csv")));
      assertThat(rf.status()).isEqualTo("completed");
    });
    assertThat(f.transfers).singleElement().satisfies(t -> {
      assertThat(t.jobId()).isEqualTo(run.id().replace("-", ""));
      assertThat(t.protocol()).isEqualTo(TransferRecord.JOB);
      assertThat(t.ok()).isTrue();
      assertThat(t.dstVfs()).isEqualTo("out");
      assertThat(t.dstPath()).isEqualTo("/a.csv");
      assertThat(t.sha256()).isEqualTo(rf(run).sha256());
    });
    assertThat(f.repo.steps(run.id())).extracting(RunStep::type, RunStep::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("source", "completed"),
            org.assertj.core.groups.Tuple.tuple("upper", "completed"),
            org.assertj.core.groups.Tuple.tuple("deliver", "completed"));
    assertThat(f.repo.steps(run.id()).get(1).log()).anyMatch(l -> l.contains("upper-cased 1 files"));
    assertThat(f.repo.findRun(run.id()).orElseThrow()).isEqualTo(run);
    assertThat(f.runner.workDir(run.id())).doesNotExist();
  }

  @Test
  void recursivePickKeepsRelativeNamesAndRegexMatchesNames() throws Exception {
    f.file("inv_1.csv", "one");
    f.file("x/inv_22.csv", "two");
    f.file("x/y/inv_x.csv", "no digits");
    Source src = new Source(new Location("in", null, "/"), null, "^inv_[0-9]+\\.csv$", true, null, null, null, null,
        null);

    PipelineRun run = f.run(f.pipeline("manual"), def(src, List.of(), dest(Overwrite.REPLACE)), "manual");

    assertThat(run.status()).as(run.error()).isEqualTo(PipelineRunStatus.COMPLETED);
    assertThat(f.outNames()).containsExactly("inv_1.csv", "x/inv_22.csv");
  }

  @Test
  void eachDestinationGetsEveryFileAndTheRunCountsTheFilesItPicked() throws Exception {
    f.file("a.csv", "a");
    f.file("b.csv", "b");
    var one = new ferry.pipeline.definition.Destination(new Location("out", null, "/one"), Overwrite.REPLACE, true);
    var two = new ferry.pipeline.definition.Destination(new Location("out", null, "/two"), Overwrite.REPLACE, false);

    PipelineRun run = f.run(f.pipeline("manual"), def(source("*.csv"), List.of(), one, two), "manual");

    assertThat(run.status()).as(run.error()).isEqualTo(PipelineRunStatus.COMPLETED);
    assertThat(run.files()).isEqualTo(2);
    assertThat(f.outNames()).containsExactly("one/a.csv", "one/b.csv", "two/a.csv", "two/b.csv");
    assertThat(f.repo.files(run.id(), PageRequest.first()).items()).hasSize(4);
    assertThat(f.transfers).hasSize(4);
  }

  @Test
  void overwritePoliciesReplaceSkipAndFail() throws Exception {
    f.file("a.csv", "new");
    Files.writeString(f.out.resolve("a.csv"), "old");
    Pipeline p = f.pipeline("manual");

    PipelineRun skipped = f.run(p, def(source("*.csv"), List.of(), dest(Overwrite.SKIP)), "manual");
    assertThat(skipped.status()).isEqualTo(PipelineRunStatus.COMPLETED);
    assertThat(f.read(f.out.resolve("a.csv"))).isEqualTo("old");
    assertThat(rf(skipped).status()).isEqualTo("skipped");

    PipelineRun failed = f.run(p, def(source("*.csv"), List.of(), dest(Overwrite.FAIL)), "manual");
    assertThat(failed.status()).isEqualTo(PipelineRunStatus.FAILED);
    assertThat(failed.error()).contains("step 2 (deliver to vfs:out:/)", "/a.csv already exists", "overwrite: fail");
    assertThat(f.read(f.out.resolve("a.csv"))).isEqualTo("old");

    PipelineRun replaced = f.run(p, def(source("*.csv"), List.of(), dest(Overwrite.REPLACE)), "manual");
    assertThat(replaced.status()).isEqualTo(PipelineRunStatus.COMPLETED);
    assertThat(f.read(f.out.resolve("a.csv"))).isEqualTo("new");
    assertThat(f.outNames()).containsExactly("a.csv");
  }

  @Test
  void afterSuccessDeletesOrArchivesTheSourceFiles() throws Exception {
    f.file("a.csv", "a");
    f.file("b.csv", "b");
    Source delete = new Source(new Location("in", null, "/"), "a.csv", null, false, null, null, null,
        Source.AfterSuccess.DELETE, null);
    Source move = new Source(new Location("in", null, "/"), "b.csv", null, false, null, null, null,
        Source.AfterSuccess.MOVE, "/archive");
    Pipeline p = f.pipeline("manual");

    assertThat(f.run(p, def(delete, List.of(), dest(Overwrite.REPLACE)), "manual").status())
        .isEqualTo(PipelineRunStatus.COMPLETED);
    PipelineRun moved = f.run(p, def(move, List.of(), dest(Overwrite.REPLACE)), "manual");

    assertThat(moved.status()).isEqualTo(PipelineRunStatus.COMPLETED);
    assertThat(f.in.resolve("a.csv")).doesNotExist();
    assertThat(f.in.resolve("b.csv")).doesNotExist();
    assertThat(f.read(f.in.resolve("archive/b.csv"))).isEqualTo("b");
    assertThat(f.outNames()).containsExactly("a.csv", "b.csv");
    assertThat(f.repo.steps(moved.id()).getLast().type()).isEqualTo("after");
  }

  @Test
  void aCancelBetweenStepsEndsCancelledWithNothingDeliveredAndNoWorkDir() throws Exception {
    f.file("a.csv", "a");

    PipelineRun run = f.run(f.pipeline("manual"),
        def(source("*.csv"), List.of(step("cancel"), step("upper")), dest(Overwrite.REPLACE)), "manual");

    assertThat(run.status()).isEqualTo(PipelineRunStatus.CANCELLED);
    assertThat(f.outNames()).isEmpty();
    assertThat(f.calls.getOrDefault("upper", new java.util.concurrent.atomic.AtomicInteger()).get()).isZero();
    assertThat(f.repo.steps(run.id()).get(2).status()).isEqualTo("skipped");
    assertThat(f.runner.workDir(run.id())).doesNotExist();
  }

  @Test
  void aCancelDuringDeliveryStopsBeforeTheNextFileAndLeavesNoTemporaryFile() throws Exception {
    f.file("a.csv", "a");
    f.file("b.csv", "b");
    f.afterTransfer = t -> f.cancelled.set(true);

    PipelineRun run = f.run(f.pipeline("manual"), def(source("*.csv"), List.of(), dest(Overwrite.REPLACE)), "manual");

    assertThat(run.status()).isEqualTo(PipelineRunStatus.CANCELLED);
    assertThat(f.outNames()).containsExactly("a.csv");
    assertThat(f.repo.files(run.id(), PageRequest.first()).items()).extracting(RunFile::destination)
        .containsExactly("vfs:out:/a.csv");
    assertThat(f.repo.steps(run.id()).get(1).status()).isEqualTo("failed");
    assertThat(f.runner.workDir(run.id())).doesNotExist();
  }

  @Test
  void aFailingStepIsRetriedWithBackoffAndARefusalEndsTheRunAtOnce() throws Exception {
    f.file("a.csv", "a");
    Pipeline p = f.pipeline("manual");

    PipelineRun retried = f.run(p, def(source("*.csv"),
        List.of(step("flaky", Map.of("fail_times", 2L), 3, Duration.ofMillis(5))), dest(Overwrite.REPLACE)), "manual");
    assertThat(retried.status()).as(retried.error()).isEqualTo(PipelineRunStatus.COMPLETED);
    RunStep flaky = f.repo.steps(retried.id()).get(1);
    assertThat(flaky.attempts()).isEqualTo(3);
    assertThat(flaky.log()).anyMatch(l -> l.contains("attempt 2 failed: flaky failure 2"));

    PipelineRun refused = f.run(p, def(source("*.csv"), List.of(step("refuse", Map.of(), 5, Duration.ofMillis(5))),
        dest(Overwrite.REPLACE)), "manual");
    assertThat(refused.status()).isEqualTo(PipelineRunStatus.FAILED);
    assertThat(refused.error()).isEqualTo("step 2 (refuse): bad signature on a.csv");
    assertThat(f.repo.steps(refused.id()).get(1).attempts()).isEqualTo(1);
    assertThat(f.repo.steps(refused.id()).get(2).status()).isEqualTo("skipped");
  }

  @Test
  void aRunStoppedWithItsNodeResumesFromItsCompletedSteps() throws Exception {
    f.file("a.csv", "a");
    Pipeline p = f.pipeline("manual");
    PipelineDefinition def = def(source("*.csv"), List.of(step("upper"), step("stop")), dest(Overwrite.REPLACE));

    PipelineRun stopped = f.run(p, def, "manual");
    assertThat(stopped.status()).isEqualTo(PipelineRunStatus.RUNNING);
    assertThat(stopped.completedSteps()).isEqualTo(3);
    assertThat(f.runner.workDir(stopped.id())).isDirectory();
    assertThat(f.outNames()).isEmpty();

    f.stopping.set(false);
    PipelineRun resumed = f.runner.run(f.repo.findRun(stopped.id()).orElseThrow(), p, def, f.control);

    assertThat(resumed.status()).as(resumed.error()).isEqualTo(PipelineRunStatus.COMPLETED);
    assertThat(f.calls.get("upper").get()).isEqualTo(1);
    assertThat(f.calls.get("stop").get()).isEqualTo(1);
    assertThat(f.read(f.out.resolve("a.csv"))).isEqualTo("A");
    assertThat(f.repo.steps(resumed.id()).get(3).log()).anyMatch(l -> l.contains("resumed after step 3"));
  }

  @Test
  void aRunWhoseWorkDirIsGoneEndsInterruptedNamingTheStepAndRemovesItsTemporaryFiles() throws Exception {
    f.file("a.csv", "a");
    Pipeline p = f.pipeline("manual");
    PipelineDefinition def = def(source("*.csv"), List.of(step("stop")), dest(Overwrite.REPLACE));
    PipelineRun stopped = f.run(p, def, "manual");
    Files.writeString(f.out.resolve(Delivery.partName("a.csv", stopped.id())), "half");
    RunStep deliver = f.repo.steps(stopped.id()).get(2);
    f.repo.saveStep(new RunStep(deliver.runId(), 2, "deliver", "running", 1, 0, 0, 0, 0, null, List.of(), null, null));
    WorkDir.deleteTree(f.runner.workDir(stopped.id()));

    f.stopping.set(false);
    PipelineRun ended = f.runner.run(f.repo.findRun(stopped.id()).orElseThrow(), p, def, f.control);

    assertThat(ended.status()).isEqualTo(PipelineRunStatus.INTERRUPTED);
    assertThat(ended.error()).isEqualTo("server stopped during step 3 (deliver to vfs:out:/)");
    assertThat(f.outNames()).isEmpty();
    assertThat(f.repo.steps(ended.id()).get(2).status()).isEqualTo("failed");
  }

  @Test
  void uploadTriggeredRunsPickEachFileOnceAndAFailedRunLetsItBePickedAgain() throws Exception {
    f.file("a.csv", "a");
    Pipeline p = f.pipeline("upload");

    PipelineRun failed = f.run(p, def(source("*.csv"), List.of(step("refuse")), dest(Overwrite.REPLACE)), "upload");
    assertThat(failed.status()).isEqualTo(PipelineRunStatus.FAILED);
    assertThat(f.repo.seenCount()).isZero();

    PipelineDefinition ok = def(source("*.csv"), List.of(), dest(Overwrite.REPLACE));
    PipelineRun first = f.run(p, ok, "upload");
    PipelineRun second = f.run(p, ok, "upload");
    f.file("b.csv", "b");
    PipelineRun third = f.run(p, ok, "upload");

    assertThat(first.files()).isEqualTo(1);
    assertThat(second.status()).isEqualTo(PipelineRunStatus.COMPLETED);
    assertThat(second.files()).isZero();
    assertThat(third.files()).isEqualTo(1);
    assertThat(f.repo.files(third.id(), PageRequest.first()).items()).extracting(RunFile::source)
        .containsExactly("/b.csv");
    assertThat(f.transfers).hasSize(2);
  }

  private RunFile rf(PipelineRun run) {
    return f.repo.files(run.id(), PageRequest.first()).items().getFirst();
  }

  private static String sha256(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }
}
