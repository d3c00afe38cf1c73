package ferry.core.session;

import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.account.UsageRepository.Usage;
import ferry.core.folder.StorageTarget;
import ferry.core.transfer.TransferRecord;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSessionConcurrencyTest {
  private final SessionFixture fx = new SessionFixture();

  @Test
  void parallelSessionsEachUploadAndDownloadTheirOwnFile(@TempDir Path root) throws Exception {
    int clients = 40;
    int size = 64 * 1024 + 17;
    SessionUser u = user().home(new StorageTarget("local", Map.of("root", root.toString()))).quota(0, 1000).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int n = i;
        results.add(pool.submit(() -> roundTrip(u, "/f" + n + ".bin", n, size)));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fx.records).hasSize(2 * clients).allSatisfy(r -> assertThat(r.ok()).isTrue());
    assertThat(fx.records.stream().filter(r -> r.direction().equals(TransferRecord.UPLOAD))).hasSize(clients);
    assertThat(fx.usage.user("bob")).isEqualTo(new Usage((long) clients * size, clients));
    assertThat(fx.connections.list()).isEmpty();
    try (var files = Files.list(root)) {
      assertThat(files.count()).isEqualTo(clients);
    }
  }

  private boolean roundTrip(SessionUser u, String path, int seed, int size) throws Exception {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    try (FileSession s = fx.open(u)) {
      try (FileSession.Upload up = s.upload(path, UploadMode.REPLACE)) {
        for (int off = 0; off < size; off += 8192) {
          up.write(off, ByteBuffer.wrap(data, off, Math.min(8192, size - off)));
        }
        up.commit();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (FileSession.Download d = s.download(path)) {
        byte[] buf = new byte[32 * 1024];
        long off = 0;
        int n;
        while ((n = d.read(off, buf, 0, buf.length)) > 0) {
          out.write(buf, 0, n);
          off += n;
        }
      }
      return java.util.Arrays.equals(out.toByteArray(), data);
    }
  }
}
