package ferry.core.session;

import static ferry.core.session.SessionFixture.download;
import static ferry.core.session.SessionFixture.names;
import static ferry.core.session.SessionFixture.put;
import static ferry.core.session.SessionFixture.upload;
import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.Permission;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileSessionAccessTest {
  private final SessionFixture fx = new SessionFixture();

  @BeforeEach
  void files() throws Exception {
    put(fx.storage("home"), "/in/a.txt", "a");
    put(fx.storage("home"), "/in/sub/b.txt", "b");
    put(fx.storage("home"), "/out/c.txt", "c");
  }

  private static void denied(ThrowingCall call, String permission) {
    assertThatThrownBy(call::run)
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("'" + permission + "'");
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void everyOperationNeedsItsPermission() throws Exception {
    var u = user().perms("/", Permission.LIST).perms("/out", Permission.LIST, Permission.DOWNLOAD).build();
    try (FileSession s = fx.open(u)) {
      denied(() -> download(s, "/in/a.txt"), "download");
      denied(() -> upload(s, "/in/new.txt", "x"), "upload");
      denied(() -> s.mkdir("/in/d"), "create_dirs");
      denied(() -> s.remove("/in/a.txt"), "delete_files");
      denied(() -> s.remove("/in/sub"), "delete_dirs");
      denied(() -> s.rename("/in/a.txt", "/in/z.txt", false), "rename_files");
      denied(() -> s.rename("/in/sub", "/in/sub2", false), "rename_dirs");
      assertThat(download(s, "/out/c.txt")).isEqualTo("c");
    }
    var noList = user().perms("/", Permission.DOWNLOAD).build();
    try (FileSession s = fx.open(noList)) {
      denied(() -> s.list("/in"), "list");
      assertThat(download(s, "/in/a.txt")).isEqualTo("a");
    }
  }

  @Test
  void denialMessageNamesThePathAndTheDirectory() throws Exception {
    try (FileSession s = fx.open(user().perms("/in", Permission.LIST).build())) {
      assertThatThrownBy(() -> s.download("/in/a.txt"))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("/in/a.txt")
          .hasMessageContaining("'download' is not granted in /in");
    }
  }

  @Test
  void theDeepestConfiguredDirectoryWins() throws Exception {
    var u = user().perms("/in", Permission.LIST).perms("/in/sub", Permission.ALL).build();
    try (FileSession s = fx.open(u)) {
      denied(() -> download(s, "/in/a.txt"), "download");
      assertThat(download(s, "/in/sub/b.txt")).isEqualTo("b");
      assertThat(download(s, "/out/c.txt")).isEqualTo("c");
      upload(s, "/in/sub/deeper.txt", "d");
    }
  }

  @Test
  void compositeDeleteAndRenameCoverFilesAndDirs() throws Exception {
    var u = user().perms("/", Permission.LIST, Permission.DELETE, Permission.RENAME).build();
    try (FileSession s = fx.open(u)) {
      s.rename("/in/a.txt", "/in/a2.txt", false);
      s.rename("/in/sub", "/in/sub2", false);
      s.remove("/in/a2.txt");
      s.remove("/in/sub2/b.txt");
      s.remove("/in/sub2");
      assertThat(names(s, "/in")).isEmpty();
    }
  }

  @Test
  void splitDeleteAndRenamePermissions() throws Exception {
    var u = user().perms("/", Permission.DELETE_FILES, Permission.RENAME_DIRS).build();
    try (FileSession s = fx.open(u)) {
      s.remove("/in/a.txt");
      denied(() -> s.remove("/out"), "delete_dirs");
      s.rename("/in/sub", "/in/sub2", false);
      denied(() -> s.rename("/out/c.txt", "/out/d.txt", false), "rename_files");
    }
  }

  @Test
  void overwriteNeedsOverwrite() throws Exception {
    var u = user().perms("/", Permission.UPLOAD, Permission.RENAME, Permission.DOWNLOAD).build();
    try (FileSession s = fx.open(u)) {
      denied(() -> upload(s, "/in/a.txt", "new"), "overwrite");
      denied(() -> s.rename("/out/c.txt", "/in/a.txt", true), "overwrite");
      upload(s, "/in/new.txt", "fresh");
      assertThat(download(s, "/in/a.txt")).isEqualTo("a");
    }
  }

  @Test
  void renameNeedsThePermissionOnBothSides() throws Exception {
    var u = user().perms("/in", Permission.RENAME_FILES).perms("/out", Permission.LIST).build();
    try (FileSession s = fx.open(u)) {
      denied(() -> s.rename("/in/a.txt", "/out/a.txt", false), "rename_files");
      denied(() -> s.rename("/out/c.txt", "/in/c.txt", false), "rename_files");
      s.rename("/in/a.txt", "/in/a2.txt", false);
    }
  }

  @Test
  void directoriesWithOwnRulesBelowCannotBeRenamed() throws Exception {
    var u = user().perms("/in/sub", Permission.LIST).build();
    try (FileSession s = fx.open(u)) {
      assertThatThrownBy(() -> s.rename("/in", "/in2", false))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("own permissions");
    }
  }

  @Test
  void deniedPatternsBlockTransfersAndRenamesButStayListed() throws Exception {
    put(fx.storage("home"), "/in/run.EXE", "mz");
    var u = user().patterns("/in", List.of(), List.of("*.exe"), 0).build();
    try (FileSession s = fx.open(u)) {
      assertThat(names(s, "/in")).contains("run.EXE");
      assertThatThrownBy(() -> download(s, "/in/run.EXE"))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("file patterns");
      assertThatThrownBy(() -> upload(s, "/in/x.Exe", "1")).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> s.rename("/in/a.txt", "/in/a.exe", false)).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> s.rename("/in/run.EXE", "/in/run.txt", false)).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> s.remove("/in/run.EXE")).isInstanceOf(AccessDeniedException.class);
      upload(s, "/out/x.exe", "elsewhere is fine");
    }
  }

  @Test
  void denyPolicyOneHidesDeniedNames() throws Exception {
    put(fx.storage("home"), "/in/secret.key", "k");
    var u = user().patterns("/in", List.of(), List.of("*.key"), 1).build();
    try (FileSession s = fx.open(u)) {
      assertThat(names(s, "/in")).containsExactly("a.txt", "sub/");
      assertThatThrownBy(() -> s.stat("/in/secret.key")).isInstanceOf(NoSuchFileException.class);
    }
  }

  @Test
  void allowedPatternsAreEvaluatedFirstAndRestrictTheRest() throws Exception {
    put(fx.storage("home"), "/in/keep.log", "l");
    var u = user().patterns("/in", List.of("*.txt", "KEEP.*"), List.of("*"), 0).build();
    try (FileSession s = fx.open(u)) {
      assertThat(download(s, "/in/a.txt")).isEqualTo("a");
      assertThat(download(s, "/in/keep.log")).isEqualTo("l");
      assertThatThrownBy(() -> upload(s, "/in/data.csv", "1")).isInstanceOf(AccessDeniedException.class);
    }
    var onlyAllowed = user().patterns("/in", List.of("[a-c]?.txt"), List.of(), 0).build();
    try (FileSession s = fx.open(onlyAllowed)) {
      upload(s, "/in/b1.txt", "ok");
      assertThatThrownBy(() -> upload(s, "/in/d1.txt", "no")).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> upload(s, "/in/sub/d1.txt", "subdirectories inherit the filter"))
          .isInstanceOf(AccessDeniedException.class);
      upload(s, "/out/d1.txt", "other directories do not");
    }
  }
}
