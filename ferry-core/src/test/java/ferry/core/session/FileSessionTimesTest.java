package ferry.core.session;

import static ferry.core.session.SessionFixture.upload;
import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.Permission;
import ferry.core.folder.StorageTarget;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSessionTimesTest {
  private static final Instant THEN = Instant.parse("2001-02-03T04:05:06Z");
  private final SessionFixture fx = new SessionFixture();

  @Test
  void modificationTimesAreKeptOnLocalStorageWhereChtimesIsGranted(@TempDir Path tmp) throws Exception {
    var u = user().home(new StorageTarget("local", Map.of("root", tmp.toString())))
        .perms("/ro", Permission.LIST, Permission.DOWNLOAD).build();
    Files.createDirectories(tmp.resolve("ro"));
    Files.writeString(tmp.resolve("ro/f.txt"), "x");
    try (FileSession s = fx.open(u)) {
      upload(s, "/a.txt", "abc");
      s.setModified("/a.txt", THEN);
      assertThat(Files.getLastModifiedTime(tmp.resolve("a.txt")).toInstant()).isEqualTo(THEN);
      assertThat(s.stat("/a.txt").modified()).isEqualTo(THEN);

      assertThatThrownBy(() -> s.setModified("/ro/f.txt", THEN))
          .isInstanceOf(AccessDeniedException.class).hasMessageContaining("'chtimes'");
      assertThatThrownBy(() -> s.checkModeChange("/ro/f.txt"))
          .isInstanceOf(AccessDeniedException.class).hasMessageContaining("'chmod'");
      s.checkModeChange("/a.txt");
      assertThatThrownBy(() -> s.setModified("/missing.txt", THEN)).isInstanceOf(NoSuchFileException.class);
    }
  }

  @Test
  void aTimeSetDuringAnUploadIsAppliedWhenItIsPublished(@TempDir Path tmp) throws Exception {
    var u = user().home(new StorageTarget("local", Map.of("root", tmp.toString()))).build();
    try (FileSession s = fx.open(u); FileSession.Upload up = s.upload("/b.txt", UploadMode.REPLACE)) {
      up.write(0, ByteBuffer.wrap("data".getBytes()));
      up.setModified(THEN); // OpenSSH put -p: FSETSTAT on the handle, before CLOSE
      assertThat(tmp.resolve("b.txt")).doesNotExist();
      up.commit();
      assertThat(Files.getLastModifiedTime(tmp.resolve("b.txt")).toInstant()).isEqualTo(THEN);
    }
  }

  @Test
  void storageWithoutSettableTimesAcceptsTheRequestWithoutEffect() throws Exception {
    var u = user().build(); // in-memory home: no settable times
    try (FileSession s = fx.open(u)) {
      upload(s, "/c.txt", "abc");
      Instant before = s.stat("/c.txt").modified();
      s.setModified("/c.txt", THEN);
      assertThat(s.stat("/c.txt").modified()).isEqualTo(before);
      assertThatThrownBy(() -> s.setModified("/nothing.txt", THEN)).isInstanceOf(NoSuchFileException.class);
    }
  }
}
