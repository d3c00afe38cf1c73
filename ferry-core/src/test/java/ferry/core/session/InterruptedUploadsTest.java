package ferry.core.session;

import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.folder.StorageTarget;
import ferry.core.transfer.TransferRecord;
import ferry.vfs.LocalVfsProvider;
import ferry.vfs.VfsProviders;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server killed mid-upload leaves no partial file and a failed record after its next start (issue 10). */
class InterruptedUploadsTest {
  @TempDir Path home;
  final MemoryOpenUploads repo = new MemoryOpenUploads();
  final List<TransferRecord> records = new CopyOnWriteArrayList<>();
  final VfsProviders providers = new VfsProviders(List.of(new LocalVfsProvider()));

  SessionUser bob() {
    return user().home(new StorageTarget("local", Map.of("root", home.toString()))).build();
  }

  FileSessions sessions(OpenUploads uploads) {
    return new FileSessions(providers, new MemoryUsage(), new TransferLog(records::add), new Connections(), uploads,
        Clock.systemUTC());
  }

  List<String> names() throws Exception {
    try (Stream<Path> s = Files.list(home)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aCrashedUploadLeavesNoPartialFileAndIsLoggedAsFailed() throws Exception {
    OpenUploads crashed = new OpenUploads(repo, "node-a", task -> {}, Runnable::run);
    FileSession s = sessions(crashed).open(bob(), "SFTP", "10.0.0.7");
    FileSession.Upload up = s.upload("/big.bin", UploadMode.REPLACE);
    up.write(0, ByteBuffer.wrap(new byte[4096]));
    up.sync(); // the client's fsync: the upload is on record now
    assertThat(names()).singleElement().asString().startsWith(".big.bin.ferry-part-");
    assertThat(repo.rows).hasSize(1);
    // The process dies here: no close, no record. Another node's upload of the same name is running.
    Files.writeString(home.resolve(".big.bin.ferry-part-0000other"), "live");
    Instant restart = Instant.now();
    Files.setLastModifiedTime(home.resolve(".big.bin.ferry-part-0000other"),
        java.nio.file.attribute.FileTime.from(restart.plusSeconds(1)));

    int found = new InterruptedUploads(repo, name -> Optional.of(bob()), providers, new TransferLog(records::add),
        Clock.systemUTC()).sweep("node-a", restart);

    assertThat(found).isEqualTo(1);
    assertThat(names()).containsExactly(".big.bin.ferry-part-0000other");
    assertThat(repo.rows).isEmpty();
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.ok()).isFalse();
      assertThat(r.error()).isEqualTo("server stopped during upload");
      assertThat(r.path()).isEqualTo("/big.bin");
      assertThat(r.direction()).isEqualTo(TransferRecord.UPLOAD);
      assertThat(r.username()).isEqualTo("bob");
      assertThat(r.bytes()).isEqualTo(4096);
    });
  }

  @Test
  void finishedUploadsLeaveNothingOnRecordAndOtherOwnersAreNotSwept() throws Exception {
    OpenUploads uploads = new OpenUploads(repo, "node-a", task -> {}, Runnable::run);
    try (FileSession s = sessions(uploads).open(bob(), "SFTP", "10.0.0.7")) {
      try (FileSession.Upload up = s.upload("/a.txt", UploadMode.REPLACE)) {
        up.write(0, ByteBuffer.wrap(new byte[10]));
        up.sync();
        up.commit();
      }
      try (FileSession.Upload up = s.upload("/b.txt", UploadMode.REPLACE)) {
        up.write(0, ByteBuffer.wrap(new byte[10])); // never on record: ended before its start was written
      }
    }
    assertThat(repo.rows).isEmpty();
    repo.insert(new OpenUpload("x", "node-b", "bob", "SFTP", "10.0.0.8", "c", null, "/c.txt", "/c.txt", Instant.now()));
    records.clear();
    new InterruptedUploads(repo, name -> Optional.of(bob()), providers, new TransferLog(records::add), Clock.systemUTC())
        .sweep("node-a", Instant.now());
    assertThat(repo.rows).containsOnlyKeys("x");
    assertThat(records).isEmpty();
  }

  static final class MemoryOpenUploads implements OpenUploadRepository {
    final Map<String, OpenUpload> rows = new ConcurrentHashMap<>();

    @Override
    public void insert(OpenUpload upload) {
      rows.put(upload.id(), upload);
    }

    @Override
    public void delete(String id) {
      rows.remove(id);
    }

    @Override
    public List<OpenUpload> byOwner(String owner) {
      return rows.values().stream().filter(u -> u.owner().equals(owner)).toList();
    }
  }
}
