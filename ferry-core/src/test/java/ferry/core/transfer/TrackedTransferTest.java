package ferry.core.transfer;

import static ferry.core.transfer.TransferStatus.CANCELLED;
import static ferry.core.transfer.TransferStatus.COMPLETED;
import static ferry.core.transfer.TransferStatus.FAILED;
import static ferry.core.transfer.TransferStatus.PENDING;
import static ferry.core.transfer.TransferStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.ConflictException;
import ferry.core.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The state machine and field rules of tracked transfers. */
class TrackedTransferTest {
  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  static final NewTransfer REQUEST = new NewTransfer(null, "sftp://h/in/a.csv", "/data/a.csv", "pull", "sftp",
      1000L, null, null);

  static TrackedTransfer pending() {
    return TrackedTransfer.pending("0193a1b2-0000-7000-8000-000000000001", "agent-1", "acme", REQUEST, T0);
  }

  static TrackedTransfer in(TransferStatus s) {
    TrackedTransfer t = pending();
    if (s == PENDING) return t;
    if (s != RUNNING && s != COMPLETED) return t.apply(TransferPatch.status(s), T0);
    t = t.apply(TransferPatch.status(RUNNING), T0);
    return s == RUNNING ? t : t.apply(TransferPatch.status(s), T0);
  }

  static TransferPatch patch(Long progress, Long bytes) {
    return new TransferPatch(null, progress, bytes, null, null, null);
  }

  static Map<TransferStatus, Set<TransferStatus>> LEGAL = Map.of(
      PENDING, EnumSet.of(PENDING, RUNNING, FAILED, CANCELLED),
      RUNNING, EnumSet.of(RUNNING, COMPLETED, FAILED, CANCELLED),
      COMPLETED, EnumSet.noneOf(TransferStatus.class),
      FAILED, EnumSet.noneOf(TransferStatus.class),
      CANCELLED, EnumSet.noneOf(TransferStatus.class));

  @ParameterizedTest
  @EnumSource(TransferStatus.class)
  void everyTransitionIsAllowedOrRefusedWithAConflict(TransferStatus from) {
    for (TransferStatus to : TransferStatus.values()) {
      TrackedTransfer t = in(from);
      if (LEGAL.get(from).contains(to)) {
        assertThat(t.apply(TransferPatch.status(to), T0.plusSeconds(1)).status()).isEqualTo(to);
      } else {
        assertThatThrownBy(() -> t.apply(TransferPatch.status(to), T0.plusSeconds(1)))
            .as(from + " -> " + to).isInstanceOf(ConflictException.class);
      }
    }
  }

  @Test
  void aNewTransferIsPendingAtZero() {
    TrackedTransfer t = pending();
    assertThat(t.status()).isEqualTo(PENDING);
    assertThat(t.progress()).isZero();
    assertThat(t.bytesTransferred()).isZero();
    assertThat(t.createdAt()).isEqualTo(T0).isEqualTo(t.updatedAt());
    assertThat(t.startedAt()).isNull();
    assertThat(t.completedAt()).isNull();
    assertThat(t.belongsTo("acme")).isTrue();
    assertThat(t.belongsTo("other")).isFalse();
  }

  @Test
  void runningSetsTheStartAndEndingTheCompletionAtHundredPercent() {
    Instant t1 = T0.plusSeconds(1);
    Instant t2 = T0.plusSeconds(2);
    TrackedTransfer running = pending().apply(new TransferPatch(RUNNING, 10L, 100L, 50L, null, null), t1);
    assertThat(running.startedAt()).isEqualTo(t1);
    assertThat(running.updatedAt()).isEqualTo(t1);
    assertThat(running.progress()).isEqualTo(10);
    assertThat(running.speed()).isEqualTo(50);
    TrackedTransfer update = running.apply(patch(50L, 500L), t2);
    assertThat(update.startedAt()).isEqualTo(t1);
    assertThat(update.status()).isEqualTo(RUNNING);
    assertThat(update.progress()).isEqualTo(50);
    assertThat(update.completedAt()).isNull();
    String sha = "a".repeat(64);
    TrackedTransfer done = update.apply(new TransferPatch(COMPLETED, null, 1000L, null, sha, null), t2);
    assertThat(done.progress()).isEqualTo(100);
    assertThat(done.sha256()).isEqualTo(sha);
    assertThat(done.completedAt()).isEqualTo(t2);
    assertThat(done.speed()).isEqualTo(50);
  }

  @Test
  void aPendingTransferMayFailOrBeCancelledWithoutStarting() {
    TrackedTransfer failed = pending().apply(new TransferPatch(FAILED, null, null, null, null, "no route"), T0);
    assertThat(failed.error()).isEqualTo("no route");
    assertThat(failed.startedAt()).isNull();
    assertThat(failed.completedAt()).isEqualTo(T0);
    assertThat(pending().apply(TransferPatch.status(CANCELLED), T0).status()).isEqualTo(CANCELLED);
  }

  @Test
  void aFinishedTransferTakesNoUpdateEvenWithoutAStatus() {
    TrackedTransfer done = in(COMPLETED);
    assertThatThrownBy(() -> done.apply(patch(100L, null), T0)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("finished");
  }

  @Test
  void bytesNeverGoDown() {
    TrackedTransfer t = in(RUNNING).apply(patch(null, 500L), T0);
    assertThat(t.apply(patch(null, 500L), T0).bytesTransferred()).isEqualTo(500);
    assertThatThrownBy(() -> t.apply(patch(null, 499L), T0))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.details()).containsEntry("field", "bytesTransferred"));
  }

  @Test
  void fieldsOutOfRangeNameTheirField() {
    assertField(() -> patch(101L, null), "progress");
    assertField(() -> patch(-1L, null), "progress");
    assertField(() -> patch(null, -1L), "bytesTransferred");
    assertField(() -> new TransferPatch(null, null, null, -5L, null, null), "speed");
    assertField(() -> new TransferPatch(null, null, null, null, "XYZ", null), "sha256");
    assertField(() -> new TransferPatch(null, null, null, null, null, "e".repeat(4001)), "error");
    assertField(() -> TransferStatus.parse("done", "status"), "status");
    assertField(() -> new NewTransfer("not-a-uuid", "s", "d", "pull", "sftp", null, null, null), "id");
    assertField(() -> new NewTransfer(null, " ", "d", "pull", "sftp", null, null, null), "sourceUrl");
    assertField(() -> new NewTransfer(null, "s", null, "pull", "sftp", null, null, null), "destinationPath");
    assertField(() -> new NewTransfer(null, "s", "d", "sideways", "sftp", null, null, null), "direction");
    assertField(() -> new NewTransfer(null, "s", "d", "push", "", null, null, null), "protocol");
    assertField(() -> new NewTransfer(null, "s", "d", "push", "s ftp", null, null, null), "protocol");
    assertField(() -> new NewTransfer(null, "s", "d", "push", "sftp", -1L, null, null), "size");
  }

  static void assertField(Runnable r, String field) {
    assertThatThrownBy(r::run).as(field).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.details()).containsEntry("field", field));
  }

  @Test
  void clientIdsAreNormalised() {
    NewTransfer t = new NewTransfer("3F2B9C1E-8A4D-4E2F-9B1A-0C6D5E7F8A9B", "s", "d", "push", "s3", null, null, null);
    assertThat(t.id()).isEqualTo("3f2b9c1e-8a4d-4e2f-9b1a-0c6d5e7f8a9b");
    assertThat(TransferIds.normalize("../etc")).isEmpty();
    assertThat(TransferIds.normalize(TransferIds.next())).isPresent();
    assertThat(TransferIds.next()).isNotEqualTo(TransferIds.next());
  }

  @Test
  void serverRecordsAreEndedTransfers() {
    TransferRecord ok = new TransferRecord(null, "HTTP", "/in/a.csv", "home", "/in/a.csv", 2000,
        Duration.ofMillis(500), "b".repeat(64), true, null, T0, "alice", "HTTP", "upload", "/in/a.csv", "10.0.0.1",
        "http_1");
    TrackedTransfer t = TrackedTransfer.fromRecord("id-1", ok);
    assertThat(t.status()).isEqualTo(COMPLETED);
    assertThat(t.progress()).isEqualTo(100);
    assertThat(t.size()).isEqualTo(2000);
    assertThat(t.speed()).isEqualTo(4000);
    assertThat(t.startedAt()).isEqualTo(T0.minusMillis(500));
    assertThat(t.completedAt()).isEqualTo(T0);
    assertThat(t.sourceUrl()).isEqualTo("HTTP:/in/a.csv");
    assertThat(t.destinationPath()).isEqualTo("home:/in/a.csv");
    assertThat(t.belongsTo("alice")).isTrue();
    assertThat(t.agentId()).isNull();
    TransferRecord failed = TransferRecord.job("j1", "a", "/x", "b", "/y", 10, Duration.ZERO, null, false, "boom", T0);
    TrackedTransfer f = TrackedTransfer.fromRecord("id-2", failed);
    assertThat(f.status()).isEqualTo(FAILED);
    assertThat(f.progress()).isZero();
    assertThat(f.size()).isNull();
    assertThat(f.protocol()).isEqualTo("JOB");
    assertThat(f.error()).isEqualTo("boom");
    assertThatThrownBy(() -> f.apply(patch(1L, null), T0)).isInstanceOf(ConflictException.class);
  }
}
