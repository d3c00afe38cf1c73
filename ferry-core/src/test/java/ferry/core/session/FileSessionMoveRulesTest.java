package ferry.core.session;

import static ferry.core.session.SessionFixture.download;
import static ferry.core.session.SessionFixture.put;
import static ferry.core.session.SessionFixture.upload;
import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.Permission;
import ferry.vfs.VPath;
import java.nio.file.AccessDeniedException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rules are bound to paths: no move may carry a tree out from under its rules or under others' (issue 10). */
class FileSessionMoveRulesTest {
  private final SessionFixture fx = new SessionFixture();

  private final SessionUser user =
      user()
          .perms("/ro", Permission.LIST, Permission.DOWNLOAD)
          .perms("/deny", Permission.LIST)
          .perms("/a/ro", Permission.LIST, Permission.DOWNLOAD)
          .perms("/future", Permission.LIST)
          .patterns("/pat", List.of(), List.of("*.exe"), 0)
          .folder("/mnt/vf", "vf", 0, 0)
          .build();

  @BeforeEach
  void files() throws Exception {
    put(fx.storage("home"), "/ro/f.txt", "read only");
    put(fx.storage("home"), "/deny/secret.txt", "not downloadable");
    put(fx.storage("home"), "/a/ro/x.txt", "x");
    put(fx.storage("home"), "/pat/keep.txt", "k");
    put(fx.storage("home"), "/plain/p.txt", "p");
    put(fx.storage("home"), "/plain.txt", "a file");
  }

  private static void refusedMove(FileSession s, String from, String to) {
    assertThatThrownBy(() -> s.rename(from, to, false))
        .as("rename %s to %s", from, to)
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageMatching("(?s).*(cannot be moved|can be moved there).*");
  }

  @Test
  void renamingARuledDirectoryIsRefused() throws Exception {
    try (FileSession s = fx.open(user)) {
      refusedMove(s, "/ro", "/ro2");
      refusedMove(s, "/deny", "/deny2");
      refusedMove(s, "/pat", "/pat2");
      assertThatThrownBy(() -> upload(s, "/ro/f2.txt", "w")).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> download(s, "/deny/secret.txt")).isInstanceOf(AccessDeniedException.class);
    }
    assertThat(fx.storage("home").find(VPath.of("/ro/f.txt"))).isPresent();
    assertThat(fx.storage("home").find(VPath.of("/ro2"))).isEmpty();
  }

  @Test
  void renamingAParentOfARuledDirectoryIsRefused() throws Exception {
    try (FileSession s = fx.open(user)) {
      refusedMove(s, "/a", "/b");
      refusedMove(s, "/a", "/plain/a");
    }
  }

  @Test
  void aDirectoryCannotBeMovedOntoARuledPathOrAboveOne() throws Exception {
    try (FileSession s = fx.open(user)) {
      refusedMove(s, "/plain", "/future");
      fx.storage("home").remove(VPath.of("/a/ro/x.txt"));
      fx.storage("home").remove(VPath.of("/a/ro"));
      fx.storage("home").remove(VPath.of("/a"));
      fx.storage("home").remove(VPath.of("/ro/f.txt"));
      fx.storage("home").remove(VPath.of("/ro"));
      refusedMove(s, "/plain", "/a"); // /plain/ro would fall under the rules of /a/ro
      refusedMove(s, "/plain", "/ro"); // /ro is free now, its rules are not

    }
  }

  @Test
  void mountPointsAndTheirParentsCannotBeRenamedOrReplaced() throws Exception {
    try (FileSession s = fx.open(user)) {
      assertThatThrownBy(() -> s.rename("/mnt/vf", "/vf2", false)).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> s.rename("/mnt", "/mnt2", false)).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> s.rename("/plain", "/mnt", false)).isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> s.remove("/mnt/vf")).isInstanceOf(AccessDeniedException.class);
    }
  }

  @Test
  void unruledTreesAndFilesStillMove() throws Exception {
    try (FileSession s = fx.open(user)) {
      s.rename("/plain", "/plain2", false);
      s.rename("/plain2", "/ro/../other", false);
      s.rename("/plain.txt", "/future.txt", false);
      s.rename("/other", "/a/other", false);
    }
    assertThat(fx.storage("home").find(VPath.of("/a/other/p.txt"))).isPresent();
  }
}
