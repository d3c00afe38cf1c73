package ferry.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalVfsTest extends VfsContract {
  @TempDir static Path tree;
  @TempDir Path outside;

  @Override
  protected Vfs createVfs() throws IOException {
    Files.createDirectories(tree.resolve("root"));
    return new LocalVfs(tree.resolve("root"));
  }

  private Path local(VPath p) {
    return ((LocalVfs) vfs).root().resolve(p.relativeTo(VPath.ROOT));
  }

  @Override
  protected void populate(VPath dir, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      Files.createFile(local(dir).resolve(String.format("f%04d", i)));
    }
  }

  @Test
  void symlinkLeadingOutsideTheRootIsRefused() throws IOException {
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(local(base.child("escape")), outside);
    Files.createSymbolicLink(local(base.child("file-link")), outside.resolve("secret.txt"));

    assertThatThrownBy(() -> vfs.stat(base.resolve("escape/secret.txt")))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("outside the root");
    assertThatThrownBy(() -> vfs.openRead(base.child("file-link"), 0))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> vfs.openWrite(base.resolve("escape/new.txt"), WriteOptions.replace()))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> vfs.list(base.child("escape")))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(names(base)).isEmpty();
    assertThat(Files.list(outside).toList()).containsExactly(outside.resolve("secret.txt"));
  }

  @Test
  void danglingSymlinkIsRefusedAndNotFollowedOnWrite() throws IOException {
    Files.createSymbolicLink(local(base.child("dangling")), outside.resolve("created-by-attacker"));
    assertThatThrownBy(() -> vfs.openWrite(base.child("dangling"), WriteOptions.append()))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(Files.exists(outside.resolve("created-by-attacker"))).isFalse();
  }

  @Test
  void symlinkInsideTheRootIsFollowed() throws IOException {
    write(base.child("real.txt"), "inside".getBytes());
    Files.createSymbolicLink(local(base.child("alias.txt")), local(base.child("real.txt")));
    assertThat(read(base.child("alias.txt"))).isEqualTo("inside".getBytes());
    assertThat(names(base)).containsExactly("alias.txt", "real.txt");
  }

  @Test
  void rootCannotBeRemovedOrRenamed() {
    assertThatThrownBy(() -> vfs.remove(VPath.ROOT)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> vfs.rename(VPath.ROOT, base.child("x")))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void directoryCannotBeMovedIntoItself() throws IOException {
    vfs.mkdir(base.child("d"));
    assertThatThrownBy(() -> vfs.rename(base.child("d"), base.resolve("d/inner")))
        .isInstanceOf(IOException.class);
  }

  /** The 100 MiB runs belong to the remote backends; here a few MiB prove the same path. */
  @Override
  protected long largeSize() {
    return 3 * MIB;
  }
}
