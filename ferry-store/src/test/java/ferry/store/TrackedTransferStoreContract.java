package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.error.ValidationException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.transfer.NewTransfer;
import ferry.core.transfer.TrackedFilter;
import ferry.core.transfer.TrackedTransfer;
import ferry.core.transfer.TrackedTransferService;
import ferry.core.transfer.TransferFilter;
import ferry.core.transfer.TransferIds;
import ferry.core.transfer.TransferPatch;
import ferry.core.transfer.TransferRecord;
import ferry.core.transfer.TransferStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agents' transfers beside the server's in one table, on every supported database. */
abstract class TrackedTransferStoreContract {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123456Z");
  Store store;
  TrackedTransferService service;

  abstract String url();

  void dispose() {}

  @BeforeEach
  void open() {
    store = Store.open(url(), 8);
    service = new TrackedTransferService(store.trackedTransfers(), Clock.fixed(T0, ZoneOffset.UTC), () -> {});
  }

  @AfterEach
  void close() {
    store.close();
    dispose();
  }

  static NewTransfer request(String id) {
    return new NewTransfer(id, "sftp://h/in/a.csv", "/data/a.csv", "pull", "sftp", 1000L, null, null);
  }

  static TransferRecord upload(String user, boolean ok) {
    return new TransferRecord(null, "HTTP", "/a.txt", "home", "/a.txt", 5, Duration.ofMillis(2), ok ? "c".repeat(64)
        : null, ok, ok ? null : "cut", T0, user, "HTTP", TransferRecord.UPLOAD, "/a.txt", "127.0.0.1", "http_1");
  }

  @Test
  void anAgentTransferRoundTripsAndUpdatesByCompareAndSet() {
    TrackedTransfer t = TrackedTransfer.pending(TransferIds.next(), "agent-1", "acme", request(null), T0);
    assertThat(store.trackedTransfers().insert(t)).isTrue();
    assertThat(store.trackedTransfers().insert(t)).isFalse();
    assertThat(store.trackedTransfers().find(t.id())).contains(t);

    TrackedTransfer running = t.apply(new TransferPatch(TransferStatus.RUNNING, 40L, 400L, 10L, null, null),
        T0.plusSeconds(1));
    assertThat(store.trackedTransfers().update(running, TransferStatus.RUNNING)).as("stale status").isFalse();
    assertThat(store.trackedTransfers().update(running, TransferStatus.PENDING)).isTrue();
    assertThat(store.trackedTransfers().find(t.id())).contains(running);

    TrackedTransfer lower = t.apply(new TransferPatch(TransferStatus.RUNNING, 30L, 300L, null, null, null), T0);
    assertThat(store.trackedTransfers().update(lower, TransferStatus.RUNNING)).as("bytes going down").isFalse();

    TrackedTransfer done = running.apply(new TransferPatch(TransferStatus.COMPLETED, null, 1000L, null,
        "d".repeat(64), null), T0.plusSeconds(2));
    assertThat(store.trackedTransfers().update(done, TransferStatus.RUNNING)).isTrue();
    assertThat(store.trackedTransfers().find(t.id())).contains(done);
  }

  @Test
  void serverTransfersShowEndedWithPublicIdsAndAgentsStayOutOfTheTransferLog() {
    store.transfers().insertAll(List.of(upload("alice", true), upload("bob", false)));
    store.transfers().insert(TransferRecord.job("job1", "a", "/x", "b", "/y", 1, Duration.ZERO, null, true, null, T0));
    TrackedTransfer agents = service.create("agent-1", "acme", request(null)).transfer();

    Page<TrackedTransfer> all = store.trackedTransfers().list(TrackedFilter.all(), new PageRequest(1, 10));
    assertThat(all.total()).isEqualTo(4);
    assertThat(all.items()).extracting(TrackedTransfer::id).doesNotContainNull().doesNotHaveDuplicates()
        .first().isEqualTo(agents.id());
    TrackedTransfer alice = all.items().stream().filter(t -> "alice".equals(t.username())).findFirst().orElseThrow();
    assertThat(alice.status()).isEqualTo(TransferStatus.COMPLETED);
    assertThat(alice.progress()).isEqualTo(100);
    assertThat(alice.protocol()).isEqualTo("HTTP");
    assertThat(alice.sha256()).isEqualTo("c".repeat(64));
    assertThat(store.trackedTransfers().find(alice.id())).contains(alice);

    // the /v1 transfer log and the jobs' transfers keep to the server's own records
    assertThat(store.transfers().list(TransferFilter.all(), 10, 0).total()).isEqualTo(3);
    assertThat(store.transfers().byJob("job1")).hasSize(1);
  }

  @Test
  void listFiltersByCustomerStatusAndAgentWithTotals() {
    store.transfers().insert(upload("acme", true));
    store.transfers().insert(upload("other", false));
    for (int i = 0; i < 5; i++) service.create("agent-1", "acme", request(null));
    TrackedTransfer second = service.create("agent-2", "acme", request(null)).transfer();
    service.update("agent-2", second.id(), TransferPatch.status(TransferStatus.RUNNING));
    service.create("agent-3", "globex", request(null));

    Page<TrackedTransfer> acme = service.list(new TrackedFilter("acme", null, null), new PageRequest(1, 4));
    assertThat(acme.total()).isEqualTo(7);
    assertThat(acme.items()).hasSize(4);
    assertThat(service.list(new TrackedFilter("acme", null, null), new PageRequest(2, 4)).items()).hasSize(3)
        .last().satisfies(t -> assertThat(t.username()).isEqualTo("acme"));
    assertThat(service.list(new TrackedFilter("acme", TransferStatus.RUNNING, null), new PageRequest(1, 10))
        .items()).extracting(TrackedTransfer::id).containsExactly(second.id());
    assertThat(service.list(new TrackedFilter(null, TransferStatus.FAILED, null), new PageRequest(1, 10))
        .items()).extracting(TrackedTransfer::username).containsExactly("other");
    assertThat(service.list(new TrackedFilter(null, null, "agent-1"), new PageRequest(1, 10)).total()).isEqualTo(5);
    assertThat(service.list(new TrackedFilter("globex", null, "agent-1"), new PageRequest(1, 10)).total()).isZero();
  }

  @Test
  void aRetriedCreateFindsTheFirst() {
    String id = TransferIds.next();
    TrackedTransferService.Created first = service.create("agent-1", "acme", request(id));
    TrackedTransferService.Created again = service.create("agent-1", "acme", request(id.toUpperCase()));
    assertThat(first.isNew()).isTrue();
    assertThat(again.isNew()).isFalse();
    assertThat(again.transfer()).isEqualTo(first.transfer());
  }

  @Test
  void concurrentUpdatesNeverMoveBytesBackwards() throws Exception {
    String id = service.create("agent-1", "acme", request(null)).transfer().id();
    service.update("agent-1", id, TransferPatch.status(TransferStatus.RUNNING));
    List<Long> values = new ArrayList<>();
    for (long b = 1; b <= 200; b++) values.add(b * 10);
    Collections.shuffle(values, new java.util.Random(7));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> done = new ArrayList<>();
      for (long v : values) {
        done.add(pool.submit(() -> {
          try {
            return service.update("agent-1", id, new TransferPatch(null, null, v, null, null, null)).bytesTransferred();
          } catch (ValidationException e) {
            return -1L; // lower than what another update stored first: refused, as it must be
          }
        }));
      }
      long highestAccepted = 0;
      for (Future<Long> f : done) highestAccepted = Math.max(highestAccepted, f.get(60, TimeUnit.SECONDS));
      assertThat(highestAccepted).isEqualTo(2000);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.trackedTransfers().find(id).orElseThrow().bytesTransferred()).isEqualTo(2000);
  }
}
