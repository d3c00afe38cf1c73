package ferry.vfs.sftp;

import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.DirEntry;

/** Reads a remote directory one READDIR reply at a time. */
final class SftpDirLister implements DirLister {
  private final SftpVfs vfs;
  private final SftpVfs.Conn conn;
  private final VPath dir;
  private final CloseableHandle handle;
  private final Deque<FileAttrs> pending = new ArrayDeque<>();
  private boolean exhausted;

  SftpDirLister(SftpVfs vfs, SftpVfs.Conn conn, VPath dir, CloseableHandle handle) {
    this.vfs = vfs;
    this.conn = conn;
    this.dir = dir;
    this.handle = handle;
  }

  @Override
  public List<FileAttrs> next(int max) throws IOException {
    if (max < 1) {
      throw new IllegalArgumentException("Batch size must be at least 1, not " + max);
    }
    while (pending.size() < max && !exhausted) {
      List<DirEntry> entries;
      try {
        entries = conn.sftp().readDir(handle);
      } catch (IOException e) {
        throw SftpErrors.translate(e, vfs.where(dir));
      }
      if (entries == null) {
        exhausted = true;
      } else {
        for (DirEntry e : entries) {
          add(e);
        }
      }
    }
    List<FileAttrs> batch = new ArrayList<>(Math.min(max, pending.size()));
    while (batch.size() < max && !pending.isEmpty()) {
      batch.add(pending.removeFirst());
    }
    return batch;
  }

  private void add(DirEntry e) throws IOException {
    String name = e.getFilename();
    if (name.equals(".") || name.equals("..")) {
      return;
    }
    if (!e.getAttributes().isSymbolicLink()) {
      pending.add(SftpVfs.attrs(name, e.getAttributes()));
      return;
    }
    try {
      pending.add(SftpVfs.attrs(name, vfs.attributes(conn, dir.child(name))));
    } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException broken) {
      // A link that leads nowhere we may see is not listed.
    }
  }

  @Override
  public void close() throws IOException {
    exhausted = true;
    pending.clear();
    try {
      handle.close();
    } catch (IOException e) {
      throw SftpErrors.translate(e, vfs.where(dir));
    }
  }
}
