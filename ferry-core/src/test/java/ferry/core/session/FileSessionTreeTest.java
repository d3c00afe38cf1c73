package ferry.core.session;

import static ferry.core.session.SessionFixture.download;
import static ferry.core.session.SessionFixture.get;
import static ferry.core.session.SessionFixture.names;
import static ferry.core.session.SessionFixture.put;
import static ferry.core.session.SessionFixture.upload;
import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.folder.StorageTarget;
import ferry.vfs.FileAttrs;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSessionTreeTest {
  private final SessionFixture fx = new SessionFixture();

  @Test
  void normalizeFoldsDotsAndClampsAtRoot() {
    try (FileSession s = fx.open(user().build())) {
      assertThat(s.normalize("")).isEqualTo("/");
      assertThat(s.normalize(".")).isEqualTo("/");
      assertThat(s.normalize("a/./b//c/")).isEqualTo("/a/b/c");
      assertThat(s.normalize("/../../etc/passwd")).isEqualTo("/etc/passwd");
      assertThat(s.normalize("a/../../..")).isEqualTo("/");
      assertThat(s.normalize("..\\..\\x")).isEqualTo("/..\\..\\x");
    }
  }

  @Test
  void traversalNeverLeavesTheHome(@TempDir Path tmp) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(tmp.resolve("secret.txt"), "outside");
    var u = user().home(new StorageTarget("local", Map.of("root", home.toString()))).build();
    try (FileSession s = fx.open(u)) {
      assertThatThrownBy(() -> download(s, "../secret.txt")).isInstanceOf(NoSuchFileException.class);
      assertThatThrownBy(() -> download(s, "/../../secret.txt")).isInstanceOf(NoSuchFileException.class);
      upload(s, "../../escape.txt", "x");
      assertThat(home.resolve("escape.txt")).hasContent("x");
      assertThat(tmp.resolve("escape.txt")).doesNotExist();
      upload(s, "..\\evil", "y");
      assertThat(home.resolve("..\\evil")).hasContent("y");
      assertThat(names(s, "/..")).containsExactlyInAnyOrder("..\\evil", "escape.txt");
    }
  }

  @Test
  void symlinkOutOfTheTreeIsRefused(@TempDir Path tmp) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(tmp.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(home.resolve("link"), tmp.resolve("secret.txt"));
    var u = user().home(new StorageTarget("local", Map.of("root", home.toString()))).build();
    try (FileSession s = fx.open(u)) {
      assertThatThrownBy(() -> download(s, "/link")).isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void mountPointsAndTheirParentsAppearAsDirectories() throws Exception {
    put(fx.storage("home"), "/file.txt", "home");
    put(fx.storage("docs"), "/readme", "docs");
    var u = user().folder("/shared/docs", "docs", -1, -1).folder("/archive", "arch", 0, 0).build();
    try (FileSession s = fx.open(u)) {
      assertThat(names(s, "/")).containsExactly("archive/", "file.txt", "shared/");
      assertThat(names(s, "/shared")).containsExactly("docs/");
      assertThat(names(s, "/shared/docs")).containsExactly("readme");
      assertThat(s.stat("/shared").isDir()).isTrue();
      FileAttrs docs = s.stat("/shared/docs");
      assertThat(docs.isDir()).isTrue();
      assertThat(docs.name()).isEqualTo("docs");
      assertThat(download(s, "/shared/docs/readme")).isEqualTo("docs");
      assertThatThrownBy(() -> s.list("/nothing")).isInstanceOf(NoSuchFileException.class);
    }
  }

  @Test
  void aMountHidesTheHomeEntryOfTheSameName() throws Exception {
    put(fx.storage("home"), "/docs/old.txt", "old");
    put(fx.storage("docs"), "/new.txt", "new");
    try (FileSession s = fx.open(user().folder("/docs", "docs", 0, 0).build())) {
      assertThat(names(s, "/")).containsExactly("docs/");
      assertThat(names(s, "/docs")).containsExactly("new.txt");
    }
  }

  @Test
  void storagesOpenOnFirstUseNotAtLogin() throws Exception {
    var u = user().folder("/f", "f", 0, 0).build();
    try (FileSession s = fx.open(u)) {
      assertThat(fx.opens).hasValue(0);
      assertThat(names(s, "/")).containsExactly("f/");
      assertThat(fx.opens).hasValue(1);
      upload(s, "/f/x", "1");
      assertThat(fx.opens).hasValue(2);
      upload(s, "/f/y", "2");
      assertThat(fx.opens).hasValue(2);
    }
  }

  @Test
  void mountPointsCannotBeRemovedOrRenamed() throws Exception {
    var u = user().folder("/shared/docs", "docs", 0, 0).build();
    try (FileSession s = fx.open(u)) {
      assertThatThrownBy(() -> s.remove("/shared/docs"))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("mount point");
      assertThatThrownBy(() -> s.remove("/shared")).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> s.rename("/shared/docs", "/d2", false))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> s.rename("/shared", "/s2", false)).isInstanceOf(AccessDeniedException.class);
      s.mkdir("/other");
      assertThatThrownBy(() -> s.rename("/other", "/shared/docs", false))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> s.mkdir("/shared/docs")).isInstanceOf(FileAlreadyExistsException.class);
      assertThatThrownBy(() -> s.remove("/")).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> s.upload("/shared", UploadMode.REPLACE)).isInstanceOf(java.nio.file.FileSystemException.class);
    }
  }

  @Test
  void renameBetweenMountsIsRefused() throws Exception {
    put(fx.storage("home"), "/a.txt", "a");
    try (FileSession s = fx.open(user().folder("/f", "f", 0, 0).build())) {
      assertThatThrownBy(() -> s.rename("/a.txt", "/f/a.txt", false))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("cannot move between storages");
      assertThat(get(fx.storage("home"), "/a.txt")).isEqualTo("a");
    }
  }

  @Test
  void renameRemoveAndMkdirWork() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      s.mkdir("/d");
      upload(s, "/d/a.txt", "hello");
      s.rename("/d/a.txt", "/d/b.txt", false);
      assertThat(names(s, "/d")).containsExactly("b.txt");
      upload(s, "/c.txt", "c");
      assertThatThrownBy(() -> s.rename("/c.txt", "/d/b.txt", false))
          .isInstanceOf(FileAlreadyExistsException.class);
      s.rename("/c.txt", "/d/b.txt", true);
      assertThat(download(s, "/d/b.txt")).isEqualTo("c");
      assertThatThrownBy(() -> s.remove("/d")).isInstanceOf(java.nio.file.DirectoryNotEmptyException.class);
      s.remove("/d/b.txt");
      s.remove("/d");
      assertThat(names(s, "/")).isEmpty();
    }
  }

  @Test
  void mkdirBelowAVirtualParentCreatesItInTheHome() throws Exception {
    try (FileSession s = fx.open(user().folder("/a/b", "b", 0, 0).build())) {
      s.mkdir("/a/c");
      assertThat(names(s, "/a")).containsExactly("b/", "c/");
    }
  }

  @Test
  void downloadFillsTheBufferAndReopensOnlyOnSeek() throws Exception {
    put(fx.storage("home"), "/f", "0123456789abcdefghij");
    try (FileSession s = fx.open(user().build()); FileSession.Download d = s.download("/f")) {
      assertThat(d.size()).isEqualTo(20);
      byte[] buf = new byte[8];
      assertThat(d.read(0, buf, 0, 8)).isEqualTo(8);
      assertThat(new String(buf, 0, 8)).isEqualTo("01234567");
      assertThat(d.read(15, buf, 0, 8)).isEqualTo(5);
      assertThat(new String(buf, 0, 5)).isEqualTo("fghij");
      assertThat(d.read(20, buf, 0, 8)).isEqualTo(-1);
      assertThat(d.read(2, buf, 0, 3)).isEqualTo(3);
      assertThat(new String(buf, 0, 3)).isEqualTo("234");
    }
  }

  @Test
  void errorsNameTheVirtualPathNeverTheStorage(@TempDir Path tmp) throws Exception {
    var u = user().home(new StorageTarget("local", Map.of("root", tmp.toString()))).build();
    try (FileSession s = fx.open(u)) {
      s.mkdir("/d");
      assertThatThrownBy(() -> s.download("/nope"))
          .isInstanceOf(NoSuchFileException.class)
          .hasMessage("/nope")
          .hasRootCauseInstanceOf(NoSuchFileException.class);
      assertThatThrownBy(() -> s.upload("/nodir/x", UploadMode.REPLACE))
          .isInstanceOf(NoSuchFileException.class)
          .hasMessage("/nodir/x");
      assertThatThrownBy(() -> s.mkdir("/d"))
          .isInstanceOf(FileAlreadyExistsException.class)
          .hasMessage("/d");
      assertThatThrownBy(() -> s.download("/d"))
          .isInstanceOf(java.nio.file.FileSystemException.class)
          .hasMessageContaining("is a directory")
          .hasMessageNotContaining(tmp.toString());
      assertThatThrownBy(() -> s.rename("/missing", "/d/x", false))
          .isInstanceOf(NoSuchFileException.class)
          .hasMessage("/missing");
      assertThatThrownBy(() -> s.list("/nope")).hasMessage("/nope");
    }
  }

  @Test
  void listingAMountPointNeedsListThere() throws Exception {
    var u = user().folder("/f", "f", 0, 0).perms("/f", ferry.core.account.Permission.UPLOAD).build();
    try (FileSession s = fx.open(u)) {
      assertThat(names(s, "/")).containsExactly("f/");
      assertThatThrownBy(() -> s.list("/f"))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("'list' is not granted in /f");
      upload(s, "/f/in.txt", "ok");
      assertThat(get(fx.storage("f"), "/in.txt")).isEqualTo("ok");
    }
  }
}
