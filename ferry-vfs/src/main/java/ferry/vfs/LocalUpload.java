package ferry.vfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a local file, through a temporary sibling unless appending or told otherwise. */
final class LocalUpload extends AbstractUpload {
  private final LocalVfs vfs;
  private final VPath path;
  private final Path target;
  private final Path written;
  private final WriteMode mode;
  private final FileChannel channel;

  private LocalUpload(
      LocalVfs vfs, VPath path, Path target, Path written, WriteMode mode, FileChannel channel)
      throws IOException {
    super(vfs.where(path), mode == WriteMode.APPEND ? channel.size() : 0);
    this.vfs = vfs;
    this.path = path;
    this.target = target;
    this.written = written;
    this.mode = mode;
    this.channel = channel;
  }

  static LocalUpload open(LocalVfs vfs, VPath path, Path target, WriteOptions options)
      throws IOException {
    return switch (options.mode()) {
      case APPEND -> {
        FileChannel ch =
            FileChannel.open(
                target,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        yield new LocalUpload(vfs, path, target, target, WriteMode.APPEND, ch);
      }
      case CREATE_NEW, REPLACE -> {
        Path out =
            options.tempRename() ? target.resolveSibling(UploadNames.tempFor(path).name()) : target;
        // CREATE_NEW also refuses to follow a link someone placed at the temporary name.
        StandardOpenOption create =
            options.tempRename() || options.mode() == WriteMode.CREATE_NEW
                ? StandardOpenOption.CREATE_NEW
                : StandardOpenOption.CREATE;
        FileChannel ch =
            FileChannel.open(
                out, create, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        yield new LocalUpload(vfs, path, target, out, options.mode(), ch);
      }
    };
  }

  @Override
  protected void doWrite(ByteBuffer src) throws IOException {
    try {
      while (src.hasRemaining()) {
        channel.write(src);
      }
    } catch (IOException e) {
      throw new IOException(vfs.where(path) + ": write failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void sync() throws IOException {
    channel.force(false);
  }

  @Override
  protected void doCommit() throws IOException {
    // No fsync per file (OpenSSH's sftp-server neither): it cost 1-3 ms per small upload.
    channel.close();
    if (written.equals(target)) {
      return;
    }
    try {
      if (mode == WriteMode.REPLACE) {
        Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.move(written, target);
      }
    } catch (FileSystemException e) {
      throw VfsErrors.retarget(e, vfs.where(path));
    }
  }

  @Override
  protected void doAbort() throws IOException {
    channel.close();
    if (mode != WriteMode.APPEND) {
      Files.deleteIfExists(written);
    }
  }

  @Override
  protected void doRelease() throws IOException {
    channel.close();
  }
}
