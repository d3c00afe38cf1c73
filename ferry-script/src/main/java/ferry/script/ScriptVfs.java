package ferry.script;

import static java.util.Objects.requireNonNull;

import ferry.vfs.Capability;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.WriteOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A {@link Vfs} as the scripts of one run use it. Every call, every buffer read or written and
 * every listing batch first checks whether the run was stopped, so long copies end within one
 * buffer; and every failure is rethrown with a script-facing message naming the VFS and the path
 * (see {@link VfsErrorText}). {@link #endpoint()} is that label, so messages that {@link
 * ferry.vfs.VfsCopier} builds from it read the same way.
 */
final class ScriptVfs implements Vfs {
  private final String label;
  private final Vfs backend;
  private final BooleanSupplier stopped;

  /**
   * @param label how messages name this file system: {@code "name: "} or {@code "local: /dir"}
   * @param backend the file system itself
   * @param stopped true once the run was stopped
   */
  ScriptVfs(String label, Vfs backend, BooleanSupplier stopped) {
    this.label = requireNonNull(label, "No label");
    this.backend = requireNonNull(backend, "No vfs");
    this.stopped = requireNonNull(stopped, "No stop check");
  }

  /** Throws if the run was stopped; called before every step of work. */
  void checkStopped(VPath path) throws InterruptedIOException {
    if (stopped.getAsBoolean()) {
      throw new InterruptedIOException(label + path + ": " + VfsErrorText.STOPPED);
    }
  }

  private IOException translate(IOException e, VPath path) {
    return VfsErrorText.translate(e, backend, label, path);
  }

  @Override
  public String endpoint() {
    return label;
  }

  @Override
  public FileAttrs stat(VPath path) throws IOException {
    checkStopped(path);
    try {
      return backend.stat(path);
    } catch (IOException e) {
      throw translate(e, path);
    }
  }

  @Override
  public Optional<FileAttrs> find(VPath path) throws IOException {
    checkStopped(path);
    try {
      return backend.find(path);
    } catch (IOException e) {
      throw translate(e, path);
    }
  }

  @Override
  public DirLister list(VPath dir) throws IOException {
    checkStopped(dir);
    DirLister lister;
    try {
      lister = backend.list(dir);
    } catch (IOException e) {
      throw translate(e, dir);
    }
    return new DirLister() {
      @Override
      public List<FileAttrs> next(int max) throws IOException {
        checkStopped(dir);
        try {
          return lister.next(max);
        } catch (IOException e) {
          throw translate(e, dir);
        }
      }

      @Override
      public void close() throws IOException {
        lister.close();
      }
    };
  }

  @Override
  public InputStream openRead(VPath path, long offset) throws IOException {
    checkStopped(path);
    InputStream in;
    try {
      in = backend.openRead(path, offset);
    } catch (IOException e) {
      throw translate(e, path);
    }
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        checkStopped(path);
        try {
          return super.read(b, off, len);
        } catch (IOException e) {
          throw translate(e, path);
        }
      }
    };
  }

  @Override
  public Upload openWrite(VPath path, WriteOptions options) throws IOException {
    checkStopped(path);
    Upload upload;
    try {
      upload = backend.openWrite(path, options);
    } catch (IOException e) {
      throw translate(e, path);
    }
    return new StoppableUpload(upload, path);
  }

  @Override
  public void mkdir(VPath dir) throws IOException {
    checkStopped(dir);
    try {
      backend.mkdir(dir);
    } catch (IOException e) {
      throw translate(e, dir);
    }
  }

  @Override
  public void mkdirs(VPath dir) throws IOException {
    checkStopped(dir);
    try {
      backend.mkdirs(dir);
    } catch (IOException e) {
      throw translate(e, dir);
    }
  }

  @Override
  public void rename(VPath from, VPath to, boolean replace) throws IOException {
    checkStopped(from);
    try {
      backend.rename(from, to, replace);
    } catch (IOException e) {
      throw translate(e, from);
    }
  }

  @Override
  public void remove(VPath path) throws IOException {
    checkStopped(path);
    try {
      backend.remove(path);
    } catch (IOException e) {
      throw translate(e, path);
    }
  }

  @Override
  public Set<Capability> capabilities() {
    return backend.capabilities();
  }

  /** Closes the backend; the run owns it. */
  @Override
  public void close() throws IOException {
    backend.close();
  }

  /** An upload that refuses to go on, or to commit, once the run was stopped. */
  private final class StoppableUpload implements Upload {
    private final Upload upload;
    private final VPath path;

    StoppableUpload(Upload upload, VPath path) {
      this.upload = upload;
      this.path = path;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      checkStopped(path);
      try {
        return upload.write(src);
      } catch (IOException e) {
        throw translate(e, path);
      }
    }

    @Override
    public void commit() throws IOException {
      checkStopped(path);
      try {
        upload.commit();
      } catch (IOException e) {
        throw translate(e, path);
      }
    }

    @Override
    public long position() {
      return upload.position();
    }

    @Override
    public boolean isOpen() {
      return upload.isOpen();
    }

    @Override
    public void close() throws IOException {
      upload.close();
    }
  }
}
