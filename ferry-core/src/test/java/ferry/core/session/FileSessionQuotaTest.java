package ferry.core.session;

import static ferry.core.session.SessionFixture.download;
import static ferry.core.session.SessionFixture.put;
import static ferry.core.session.SessionFixture.upload;
import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.UsageRepository.Usage;
import ferry.core.error.QuotaExceededException;
import ferry.core.folder.StorageTarget;
import ferry.core.transfer.TransferRecord;
import ferry.vfs.VPath;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSessionQuotaTest {
  private final SessionFixture fx = new SessionFixture();

  private static ByteBuffer bytes(int n) {
    return ByteBuffer.wrap(new byte[n]);
  }

  @Test
  void uploadOverQuotaIsRejectedAndLeavesNoPartialFile(@TempDir Path tmp) throws Exception {
    var u = user().home(new StorageTarget("local", Map.of("root", tmp.toString()))).quota(1000, 0).build();
    try (FileSession s = fx.open(u)) {
      upload(s, "/small", "x".repeat(300));
      assertThat(fx.usage.user("bob")).isEqualTo(new Usage(300, 1));
      FileSession.Upload up = s.upload("/big", UploadMode.REPLACE);
      up.write(0, bytes(600));
      assertThatThrownBy(() -> up.write(600, bytes(200)))
          .isInstanceOf(QuotaExceededException.class)
          .hasMessageContaining("size quota of 1000 bytes");
      assertThatThrownBy(up::commit).hasMessageContaining("failed earlier");
      up.close();
      try (var files = Files.list(tmp)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("small");
      }
      assertThat(fx.usage.user("bob")).isEqualTo(new Usage(300, 1));
      TransferRecord r = fx.records.get(fx.records.size() - 1);
      assertThat(r.ok()).isFalse();
      assertThat(r.path()).isEqualTo("/big");
      assertThat(r.error()).contains("quota exceeded");
      assertThat(r.bytes()).isEqualTo(600);
    }
  }

  @Test
  void overwriteChargesOnlyTheSizeDifference() throws Exception {
    try (FileSession s = fx.open(user().quota(1000, 10).build())) {
      upload(s, "/f", "x".repeat(400));
      assertThat(fx.usage.user("bob")).isEqualTo(new Usage(400, 1));
      upload(s, "/f", "x".repeat(100));
      assertThat(fx.usage.user("bob")).isEqualTo(new Usage(100, 1));
      // 100 used: replacing the 100-byte file may reach 1000 bytes
      upload(s, "/f", "x".repeat(1000));
      assertThat(fx.usage.user("bob")).isEqualTo(new Usage(1000, 1));
      s.remove("/f");
      assertThat(fx.usage.user("bob")).isEqualTo(new Usage(0, 0));
    }
  }

  @Test
  void theFilesQuotaRefusesNewFilesButNotOverwrites() throws Exception {
    try (FileSession s = fx.open(user().quota(0, 2).build())) {
      upload(s, "/a", "1");
      upload(s, "/b", "2");
      assertThatThrownBy(() -> s.upload("/c", UploadMode.REPLACE))
          .isInstanceOf(QuotaExceededException.class)
          .hasMessageContaining("2 of 2 files");
      upload(s, "/a", "overwrite is fine");
      assertThat(fx.usage.user("bob")).isEqualTo(new Usage(18, 2));
    }
  }

  @Test
  void aFullQuotaRefusesTheUploadAtStart() throws Exception {
    fx.usage.addToUser("bob", 1000, 1);
    try (FileSession s = fx.open(user().quota(1000, 0).build())) {
      assertThatThrownBy(() -> s.upload("/x", UploadMode.REPLACE))
          .isInstanceOf(QuotaExceededException.class)
          .hasMessageContaining("already uses 1000 of 1000 bytes");
      // on record as a failed upload with that reason (issue 11), and nothing written
      assertThat(fx.records).singleElement().satisfies(r -> assertThat(r.ok()).isFalse());
      assertThat(fx.storage("home").find(ferry.vfs.VPath.of("/x"))).isEmpty();
    }
  }

  @Test
  void maxUploadFileSizeIsEnforced() throws Exception {
    var b = user();
    b.maxUpload = 10;
    try (FileSession s = fx.open(b.build())) {
      FileSession.Upload up = s.upload("/f", UploadMode.REPLACE);
      up.write(0, bytes(10));
      assertThatThrownBy(() -> up.write(10, bytes(1)))
          .isInstanceOf(QuotaExceededException.class)
          .hasMessageContaining("upload limit of 10 bytes");
      up.close();
      assertThat(fx.storage("home").find(VPath.of("/f"))).isEmpty();
    }
  }

  @Test
  void renameOverAFileCreditsTheReplacedFile() throws Exception {
    try (FileSession s = fx.open(user().quota(1000, 10).build())) {
      upload(s, "/a", "x".repeat(100));
      upload(s, "/b", "x".repeat(50));
      s.rename("/b", "/a", true);
      assertThat(fx.usage.user("bob")).isEqualTo(new Usage(50, 1));
    }
  }

  @Test
  void folderQuotasAreOwnOrCountedInTheUsers() throws Exception {
    var u = user().quota(1000, 0).folder("/own", "own", 100, 0).folder("/incl", "incl", -1, -1).build();
    try (FileSession s = fx.open(u)) {
      upload(s, "/own/a", "x".repeat(80));
      assertThatThrownBy(() -> upload(s, "/own/b", "x".repeat(30)))
          .isInstanceOf(QuotaExceededException.class)
          .hasMessageContaining("virtual folder own");
      upload(s, "/incl/c", "x".repeat(200));
      assertThat(fx.usage.folder("own")).isEqualTo(new Usage(80, 1));
      assertThat(fx.usage.folder("incl")).isEqualTo(new Usage(200, 1));
      assertThat(fx.usage.user("bob")).isEqualTo(new Usage(200, 1));
      assertThatThrownBy(() -> upload(s, "/incl/d", "x".repeat(900)))
          .isInstanceOf(QuotaExceededException.class)
          .hasMessageContaining("user bob");
    }
  }

  @Test
  void resumeAppendsAndChargesTheGrowth() throws Exception {
    put(fx.storage("home"), "/part", "hello ");
    fx.usage.addToUser("bob", 6, 1);
    try (FileSession s = fx.open(user().quota(1000, 0).build())) {
      try (FileSession.Upload up = s.upload("/part", UploadMode.resumeAtEnd())) {
        assertThat(up.position()).isEqualTo(6);
        up.write(6, ByteBuffer.wrap("world".getBytes()));
        up.commit();
      }
      assertThat(download(s, "/part")).isEqualTo("hello world");
      assertThat(fx.usage.user("bob")).isEqualTo(new Usage(11, 1));
      // an interrupted resume keeps (and charges) what it wrote
      try (FileSession.Upload up = s.upload("/part", UploadMode.resumeAtEnd())) {
        up.write(11, ByteBuffer.wrap("!!".getBytes()));
        up.abandon("client went away");
      }
      assertThat(download(s, "/part")).isEqualTo("hello world!!");
      assertThat(fx.usage.user("bob")).isEqualTo(new Usage(13, 1));
    }
  }

  @Test
  void resumeOnAStorageWithoutItIsRefused(@TempDir Path tmp) throws Exception {
    var noResume = new ferry.vfs.VfsProvider() {
      @Override
      public String type() {
        return "noresume";
      }

      @Override
      public ferry.vfs.Vfs create(Map<String, String> settings) {
        ferry.vfs.MemoryVfs inner = new ferry.vfs.MemoryVfs();
        return (ferry.vfs.Vfs)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ferry.vfs.Vfs.class},
                (p, m, a) -> m.getName().equals("capabilities")
                    ? java.util.Set.of()
                    : m.getName().equals("supports") ? false : m.invoke(inner, a));
      }
    };
    var sessions = new FileSessions(new ferry.vfs.VfsProviders(java.util.List.of(noResume)), fx.usage,
        new TransferLog(fx.records::add), fx.connections, java.time.Clock.systemUTC());
    var u = user().home(new StorageTarget("noresume", Map.of())).build();
    try (FileSession s = sessions.open(u, "SFTP", "::1")) {
      // nothing to continue yet: a plain upload
      try (FileSession.Upload up = s.upload("/x", UploadMode.resumeAtEnd())) {
        up.write(0, ByteBuffer.wrap("first".getBytes()));
        up.commit();
      }
      assertThatThrownBy(() -> s.upload("/x", UploadMode.resumeAtEnd()))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("resuming uploads is not supported");
      upload(s, "/x", "replacing still works");
      assertThat(download(s, "/x")).isEqualTo("replacing still works");
    }
  }
}
