package ferry.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Vfs} backend must have. Subclass it once per backend (and per
 * configuration worth proving), implementing {@link #createVfs()}.
 */
public abstract class VfsContract extends VfsCopyContract {

  @Test
  void statReportsSizeTimeAndType() throws IOException {
    VPath f = base.child("five.bin");
    write(f, new byte[] {1, 2, 3, 4, 5});
    FileAttrs a = vfs.stat(f);
    assertThat(a.name()).isEqualTo("five.bin");
    assertThat(a.size()).isEqualTo(5);
    assertThat(a.isDir()).isFalse();
    assertThat(a.modified())
        .isBetween(
            Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
    assertThat(vfs.stat(base).isDir()).isTrue();
    assertThat(vfs.stat(VPath.ROOT).isDir()).isTrue();
  }

  @Test
  void statOfMissingPathThrowsNoSuchFileNamingEndpointAndPath() {
    VPath missing = base.child("missing.txt");
    assertThatThrownBy(() -> vfs.stat(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining(vfs.endpoint());
    assertThatThrownBy(() -> vfs.stat(base.resolve("no/such/dir")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void listReturnsEveryEntryInBatches() throws IOException {
    VPath dir = base.child("many");
    vfs.mkdir(dir);
    populate(dir, 2500);
    vfs.mkdir(dir.child("sub"));
    Set<String> seen = new HashSet<>();
    int batches = 0;
    try (DirLister lister = vfs.list(dir)) {
      for (List<FileAttrs> b = lister.next(1000); !b.isEmpty(); b = lister.next(1000)) {
        assertThat(b).hasSizeLessThanOrEqualTo(1000);
        batches++;
        for (FileAttrs a : b) {
          assertThat(seen.add(a.name())).as("listed twice: %s", a.name()).isTrue();
          assertThat(a.isDir()).isEqualTo(a.name().equals("sub"));
        }
      }
      assertThat(lister.next(10)).isEmpty();
    }
    assertThat(seen).hasSize(2501).contains("f0000", "f2499", "sub");
    assertThat(batches).isGreaterThanOrEqualTo(3);
  }

  @Test
  void listNamesAreTheNamesListShowsAndFailLikeIt() throws IOException {
    VPath dir = base.child("named");
    vfs.mkdir(dir);
    populate(dir, 30);
    vfs.mkdir(dir.child("sub"));
    Set<String> listed = new HashSet<>();
    try (DirLister lister = vfs.list(dir)) {
      for (List<FileAttrs> b = lister.next(1000); !b.isEmpty(); b = lister.next(1000))
        b.forEach(a -> listed.add(a.name()));
    }
    assertThat(vfs.listNames(dir)).hasSize(31).containsExactlyInAnyOrderElementsOf(listed);
    write(base.child("plain"), new byte[1]);
    assertThatThrownBy(() -> vfs.listNames(base.child("nope"))).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> vfs.listNames(base.child("plain"))).isInstanceOf(NotDirectoryException.class);
  }

  @Test
  void listOfMissingDirectoryOrFileFails() throws IOException {
    write(base.child("file"), new byte[1]);
    assertThatThrownBy(() -> vfs.list(base.child("nope"))).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> vfs.list(base.child("file")))
        .isInstanceOf(NotDirectoryException.class);
    assertThat(names(base)).containsExactly("file");
  }

  @Test
  void readFromOffsetStreamsTheRest() throws IOException {
    byte[] data = TestData.bytes(300_000, 7);
    VPath f = base.child("data.bin");
    write(f, data);
    assertThat(read(f)).isEqualTo(data);
    try (InputStream in = vfs.openRead(f, 123_457)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 123_457, data.length));
    }
    try (InputStream in = vfs.openRead(f, data.length)) {
      assertThat(in.readAllBytes()).isEmpty();
    }
    try (InputStream in = vfs.openRead(f, 10)) {
      assertThat(in.readNBytes(5)).isEqualTo(Arrays.copyOfRange(data, 10, 15));
    }
    assertThat(vfs.stat(f).size()).isEqualTo(data.length);
  }

  @Test
  void readOfMissingFileOrDirectoryFails() throws IOException {
    assertThatThrownBy(() -> vfs.openRead(base.child("nope"), 0))
        .isInstanceOf(NoSuchFileException.class);
    vfs.mkdir(base.child("d"));
    assertThatThrownBy(() -> vfs.openRead(base.child("d"), 0).readAllBytes())
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(NoSuchFileException.class);
  }

  @Test
  void uploadAppearsOnlyOnCommitAndLeavesNoTemporaryFile() throws IOException {
    VPath f = base.child("atomic.bin");
    byte[] data = TestData.bytes(200_000, 3);
    try (Upload up = vfs.openWrite(f, WriteOptions.createNew())) {
      up.write(ByteBuffer.wrap(data, 0, 100_000));
      up.write(ByteBuffer.wrap(data, 100_000, 100_000));
      assertThat(up.position()).isEqualTo(200_000);
      assertThat(vfs.find(f)).isEmpty();
      up.commit();
    }
    assertThat(read(f)).isEqualTo(data);
    assertThat(names(base)).containsExactly("atomic.bin");
  }

  @Test
  void uploadClosedWithoutCommitLeavesNothing() throws IOException {
    VPath f = base.child("aborted.bin");
    try (Upload up = vfs.openWrite(f, WriteOptions.createNew())) {
      up.write(ByteBuffer.wrap(TestData.bytes((int) partialUploadBytes() * 2, 5)));
    }
    assertThat(vfs.find(f)).isEmpty();
    assertThat(names(base)).isEmpty();
  }

  @Test
  void abortedReplaceKeepsTheOldContent() throws IOException {
    VPath f = base.child("keep.txt");
    write(f, "old".getBytes());
    try (Upload up = vfs.openWrite(f, WriteOptions.replace())) {
      up.write(ByteBuffer.wrap("new content".getBytes()));
    }
    assertThat(read(f)).isEqualTo("old".getBytes());
    assertThat(names(base)).containsExactly("keep.txt");
  }

  @Test
  void directUploadWithoutTemporaryNameAlsoAbortsToNothing() throws IOException {
    VPath f = base.child("direct.bin");
    try (Upload up = vfs.openWrite(f, WriteOptions.createNew().withTempRename(false))) {
      up.write(ByteBuffer.wrap(new byte[1000]));
    }
    assertThat(vfs.find(f)).isEmpty();
    try (Upload up = vfs.openWrite(f, WriteOptions.createNew().withTempRename(false))) {
      up.write(ByteBuffer.wrap(new byte[1000]));
      up.commit();
    }
    assertThat(vfs.stat(f).size()).isEqualTo(1000);
  }

  @Test
  void createNewOverExistingFileThrowsFileAlreadyExists() throws IOException {
    VPath f = base.child("exists");
    write(f, new byte[3]);
    assertThatThrownBy(() -> vfs.openWrite(f, WriteOptions.createNew()))
        .isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void replaceOverwritesExistingFile() throws IOException {
    VPath f = base.child("twice");
    write(f, "first version".getBytes());
    write(f, "second".getBytes());
    assertThat(read(f)).isEqualTo("second".getBytes());
    assertThat(names(base)).containsExactly("twice");
  }

  @Test
  void uploadIntoMissingDirectoryThrowsNoSuchFile() {
    assertThatThrownBy(() -> vfs.openWrite(base.resolve("no/file"), WriteOptions.replace()))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void appendResumesExistingFileWhereSupported() throws IOException {
    VPath f = base.child("resume.bin");
    write(f, "hello ".getBytes());
    if (!vfs.supports(Capability.RESUME_UPLOAD)) {
      assertThatThrownBy(() -> vfs.openWrite(f, WriteOptions.append()))
          .isInstanceOf(UnsupportedOperationException.class);
      return;
    }
    try (Upload up = vfs.openWrite(f, WriteOptions.append())) {
      assertThat(up.position()).isEqualTo(6);
      up.write(ByteBuffer.wrap("world".getBytes()));
      up.commit();
    }
    assertThat(new String(read(f))).isEqualTo("hello world");
  }

  @Test
  void renameMovesFilesAndDirectories() throws IOException {
    write(base.child("a"), "A".getBytes());
    vfs.rename(base.child("a"), base.child("b"));
    assertThat(names(base)).containsExactly("b");
    assertThat(read(base.child("b"))).isEqualTo("A".getBytes());
    vfs.mkdir(base.child("d1"));
    vfs.rename(base.child("d1"), base.child("d2"));
    assertThat(names(base)).containsExactly("b", "d2");
    assertThat(vfs.stat(base.child("d2")).isDir()).isTrue();
  }

  @Test
  void renameOntoExistingFileFailsUnlessReplacing() throws IOException {
    write(base.child("src"), "new".getBytes());
    write(base.child("dst"), "old".getBytes());
    assertThatThrownBy(() -> vfs.rename(base.child("src"), base.child("dst")))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(read(base.child("dst"))).isEqualTo("old".getBytes());
    vfs.rename(base.child("src"), base.child("dst"), true);
    assertThat(read(base.child("dst"))).isEqualTo("new".getBytes());
    vfs.rename(base.child("dst"), base.child("dst"), true);
    assertThat(read(base.child("dst"))).isEqualTo("new".getBytes());
    assertThat(names(base)).containsExactly("dst");
    assertThatThrownBy(() -> vfs.rename(base.child("gone"), base.child("x")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void removeDeletesFilesAndEmptyDirectoriesOnly() throws IOException {
    vfs.mkdir(base.child("d"));
    write(base.child("d").child("f"), new byte[2]);
    assertThatThrownBy(() -> vfs.remove(base.child("d")))
        .isInstanceOf(DirectoryNotEmptyException.class);
    vfs.remove(base.child("d").child("f"));
    vfs.remove(base.child("d"));
    assertThat(names(base)).isEmpty();
    assertThatThrownBy(() -> vfs.remove(base.child("d"))).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void mkdirCreatesOneLevelAndMkdirsMany() throws IOException {
    vfs.mkdir(base.child("one"));
    assertThat(vfs.stat(base.child("one")).isDir()).isTrue();
    assertThat(listAll(vfs, base.child("one"))).isEmpty();
    assertThatThrownBy(() -> vfs.mkdir(base.child("one")))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThatThrownBy(() -> vfs.mkdir(base.resolve("x/y")))
        .isInstanceOf(NoSuchFileException.class);
    vfs.mkdirs(base.resolve("a/b/c"));
    vfs.mkdirs(base.resolve("a/b/c"));
    assertThat(vfs.stat(base.resolve("a/b/c")).isDir()).isTrue();
    write(base.child("file"), new byte[1]);
    assertThatThrownBy(() -> vfs.mkdir(base.child("file")))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThatThrownBy(() -> vfs.mkdirs(base.resolve("file/sub"))).isInstanceOf(IOException.class);
  }

  @Test
  void dotDotIsClampedAtTheRoot() throws IOException {
    write(base.child("f"), "x".getBytes());
    VPath sneaky = VPath.of("/../../.." + base + "/../../" + base.name() + "/./f");
    assertThat(sneaky).isEqualTo(base.child("f"));
    assertThat(vfs.stat(sneaky).size()).isEqualTo(1);
    assertThat(vfs.stat(VPath.of("/..")).isDir()).isTrue();
    assertThat(VPath.of("../..")).isEqualTo(VPath.ROOT);
    assertThat(names(VPath.of("/../.."))).contains(base.name());
  }
}
