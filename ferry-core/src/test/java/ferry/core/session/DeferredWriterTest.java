package ferry.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.account.UsageRepository;
import ferry.core.account.UsageRepository.Usage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeferredWriterTest {
  /** Counts the additions that reach the store. */
  static final class CountingUsage implements UsageRepository {
    final MemoryUsage store = new MemoryUsage();
    final AtomicInteger adds = new AtomicInteger();

    @Override
    public Usage user(String username) {
      return store.user(username);
    }

    @Override
    public Usage folder(String folderName) {
      return store.folder(folderName);
    }

    @Override
    public void addToUser(String username, long size, long files) {
      adds.incrementAndGet();
      store.addToUser(username, size, files);
    }

    @Override
    public void addToFolder(String folderName, long size, long files) {
      adds.incrementAndGet();
      store.addToFolder(folderName, size, files);
    }

    @Override
    public void setUser(String username, long size, long files) {
      store.setUser(username, size, files);
    }

    @Override
    public void setFolder(String folderName, long size, long files) {
      store.setFolder(folderName, size, files);
    }
  }

  @Test
  void pendingChargesAreReadBackAndCoalescedWhileTheWriterIsBusy() throws Exception {
    CountingUsage store = new CountingUsage();
    try (DeferredWriter writer = new DeferredWriter()) {
      UsageRepository usage = writer.usage(store);
      CountDownLatch release = new CountDownLatch(1);
      writer.execute(() -> awaitQuietly(release)); // hold the writer busy
      for (int i = 0; i < 1000; i++) {
        usage.addToUser("bob", 4096, 1);
      }
      usage.addToFolder("shared", 10, 1);
      assertThat(store.user("bob")).isEqualTo(new Usage(0, 0));
      assertThat(usage.user("bob")).isEqualTo(new Usage(4_096_000, 1000));
      assertThat(usage.folder("shared")).isEqualTo(new Usage(10, 1));
      release.countDown();
      writer.flush(Duration.ofSeconds(10));
      assertThat(store.user("bob")).isEqualTo(new Usage(4_096_000, 1000));
      assertThat(store.folder("shared")).isEqualTo(new Usage(10, 1));
      assertThat(store.adds.get()).isEqualTo(2);
      assertThat(usage.user("bob")).isEqualTo(new Usage(4_096_000, 1000));
    }
  }

  @Test
  void chargesLingerToBeSummedThenReachTheStoreByThemselves() throws Exception {
    CountingUsage store = new CountingUsage();
    try (DeferredWriter writer = new DeferredWriter()) {
      UsageRepository usage = writer.usage(store);
      for (int i = 0; i < 50; i++) {
        usage.addToUser("carol", 10, 1); // a burst well inside the linger time
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!store.user("carol").equals(new Usage(500, 50)) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(store.user("carol")).isEqualTo(new Usage(500, 50));
      assertThat(store.adds.get()).isEqualTo(1);
    }
  }

  @Test
  void closeWritesPendingCharges() {
    CountingUsage store = new CountingUsage();
    DeferredWriter writer = new DeferredWriter();
    writer.usage(store).addToFolder("shared", 7, 1);
    writer.close();
    assertThat(store.folder("shared")).isEqualTo(new Usage(7, 1));
  }

  @Test
  void closeRunsEverythingQueuedAndLaterTasksRunOnTheCaller() {
    List<Integer> done = new CopyOnWriteArrayList<>();
    DeferredWriter writer = new DeferredWriter();
    for (int i = 0; i < 100; i++) {
      int n = i;
      writer.execute(() -> done.add(n));
    }
    writer.close();
    assertThat(done).hasSize(100);
    writer.execute(() -> done.add(100));
    assertThat(done).hasSize(101).endsWith(100);
  }

  @Test
  void aFailingTaskDoesNotStopTheWriter() throws Exception {
    List<String> done = new CopyOnWriteArrayList<>();
    try (DeferredWriter writer = new DeferredWriter()) {
      writer.execute(() -> {
        throw new IllegalStateException("database down");
      });
      writer.execute(() -> done.add("after"));
      writer.flush(Duration.ofSeconds(10));
      assertThat(done).containsExactly("after");
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
