package ferry.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OpenUploadsTest {
  static final OpenUpload UPLOAD = new OpenUpload("u1", "node-a", "alice", "SFTP", "127.0.0.1", "c1", null,
      "/big.bin", "/big.bin", Instant.EPOCH);

  /** A repository whose insert blocks until released, to hold the deferred writer mid-insert. */
  static final class SlowInserts implements OpenUploadRepository {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean inserted;

    @Override
    public void insert(OpenUpload upload) {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inserted = true;
    }

    @Override
    public void delete(String id) {}

    @Override
    public List<OpenUpload> byOwner(String owner) {
      return List.of();
    }
  }

  @Test
  void anFsyncWhileTheWriterIsInsertingReturnsOnlyOnceTheRecordIsWritten() throws Exception {
    SlowInserts repo = new SlowInserts();
    AtomicReference<Runnable> deferred = new AtomicReference<>();
    OpenUploads uploads = new OpenUploads(repo, "node-a", deferred::set, Runnable::run);
    uploads.started(UPLOAD);
    Thread writer = Thread.ofPlatform().start(deferred.get()); // the deferred writer takes the start
    assertThat(repo.entered.await(10, TimeUnit.SECONDS)).isTrue();

    AtomicReference<Boolean> writtenWhenFsyncReturned = new AtomicReference<>();
    Thread fsync = Thread.ofPlatform().start(() -> {
      uploads.persist(UPLOAD.id());
      writtenWhenFsyncReturned.set(repo.inserted);
    });
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (fsync.getState() != Thread.State.BLOCKED && fsync.isAlive() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    repo.release.countDown();
    fsync.join(10_000);
    writer.join(10_000);
    assertThat(writtenWhenFsyncReturned.get()).isTrue();
  }
}
