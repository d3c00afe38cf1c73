package ferry.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.transfer.TransferRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TransferLogTest {
  private static TransferRecord record(int i) {
    return TransferRecord.job("job", "a", "/" + i, "b", "/" + i, i, Duration.ZERO, null, true, null, Instant.EPOCH);
  }

  /** Keeps the writer's thread busy until the returned latch is counted down. */
  private static CountDownLatch holdBusy(DeferredWriter writer) {
    CountDownLatch release = new CountDownLatch(1);
    writer.execute(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    return release;
  }

  @Test
  void aBatchedLogStoresWhatWaitsInFewBatchesInOrder() throws Exception {
    List<List<TransferRecord>> batches = new CopyOnWriteArrayList<>();
    try (DeferredWriter writer = new DeferredWriter()) {
      TransferLog log = TransferLog.batched(batches::add, writer);
      CountDownLatch release = holdBusy(writer);
      for (int i = 0; i < 2500; i++) {
        log.write(record(i));
      }
      release.countDown();
      writer.flush(Duration.ofSeconds(10));
    }
    List<TransferRecord> all = new ArrayList<>();
    batches.forEach(all::addAll);
    assertThat(all).extracting(TransferRecord::bytes).containsExactlyElementsOf(
        java.util.stream.LongStream.range(0, 2500).boxed().toList());
    assertThat(batches).hasSize(3).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(1000));
  }

  @Test
  void aBatchTheSinkRefusesIsRetriedOneByOneSoOnlyTheBadRecordIsLost() throws Exception {
    List<TransferRecord> stored = new CopyOnWriteArrayList<>();
    try (DeferredWriter writer = new DeferredWriter()) {
      TransferLog log = TransferLog.batched(batch -> {
        if (batch.stream().anyMatch(r -> r.bytes() == 3)) {
          throw new IllegalStateException("value too long");
        }
        stored.addAll(batch);
      }, writer);
      CountDownLatch release = holdBusy(writer);
      for (int i = 0; i < 6; i++) {
        log.write(record(i));
      }
      release.countDown();
      writer.flush(Duration.ofSeconds(10));
    }
    assertThat(stored).extracting(TransferRecord::bytes).containsExactly(0L, 1L, 2L, 4L, 5L);
  }

  @Test
  void anUnbatchedLogStoresOnTheCallersThreadBeforeWriteReturns() {
    List<TransferRecord> stored = new ArrayList<>();
    TransferLog log = new TransferLog(stored::add);
    log.write(record(1));
    assertThat(stored).extracting(TransferRecord::bytes).containsExactly(1L);
  }
}
