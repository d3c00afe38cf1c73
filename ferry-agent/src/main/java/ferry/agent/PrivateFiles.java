package ferry.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Files of the data dir: written whole or not at all (temp file, fsync, atomic rename, fsync of
 * the directory), readable by the owner only (mode 600) from the moment they exist.
 */
final class PrivateFiles {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private PrivateFiles() {}

  /** Creates {@code dir} (mode 700 where POSIX) if missing. */
  static void ensureDir(Path dir) throws IOException {
    if (Files.isDirectory(dir)) return;
    if (POSIX) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    else Files.createDirectories(dir);
  }

  /** Replaces {@code target} with {@code bytes} atomically and durably. */
  static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    ensureDir(dir);
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) ch.write(buf);
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDir(dir);
  }

  /** Flushes a directory's entries (the rename above) to disk; a no-op where that is impossible. */
  static void syncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory; its renames are journaled by NTFS anyway
    }
  }

  private static FileAttribute<?>[] ownerOnly() {
    return POSIX
        ? List.of(PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))).toArray(FileAttribute[]::new)
        : new FileAttribute<?>[0];
  }
}
