package ferry.core.session;

import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.folder.StorageTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local home that does not exist yet is made at the session's first use of it. */
class FileSessionLocalHomeTest {
  private final SessionFixture fx = new SessionFixture();

  @Test
  void aMissingLocalHomeIsCreatedAtFirstUse(@TempDir Path tmp) throws Exception {
    Path home = tmp.resolve("users/alice");
    try (FileSession s = fx.open(user().home(new StorageTarget("local", Map.of("root", home.toString()))).build())) {
      assertThat(s.list("/").next(100)).isEmpty();
      try (FileSession.Upload u = s.upload("/hello.txt", UploadMode.REPLACE)) {
        u.write(0, java.nio.ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
        u.commit();
      }
    }
    assertThat(Files.readString(home.resolve("hello.txt"))).isEqualTo("hi");
  }

  @Test
  void aLocalVirtualFolderWhoseDirectoryIsMissingStaysAnError(@TempDir Path tmp) {
    Path missing = tmp.resolve("gone");
    SessionFixture.UserBuilder u = user().home(new StorageTarget("local", Map.of("root", tmp.toString())));
    u.mounts.add(new SessionUser.Mount("/library", "library",
        new StorageTarget("local", Map.of("root", missing.toString())), 0, 0));
    try (FileSession s = fx.open(u.build())) {
      assertThatThrownBy(() -> s.upload("/library/a.txt", UploadMode.REPLACE)).isInstanceOf(NoSuchFileException.class);
    }
    assertThat(missing).doesNotExist();
  }
}
