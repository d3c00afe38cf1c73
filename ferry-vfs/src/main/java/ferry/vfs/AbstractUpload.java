package ferry.vfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * The commit/abort state machine shared by the backends: a failed write poisons the upload, a
 * commit happens at most once, and close aborts anything not committed.
 */
public abstract class AbstractUpload implements Upload {
  private enum State {
    OPEN,
    POISONED,
    COMMITTED,
    CLOSED
  }

  private State state = State.OPEN;
  private long position;
  private final String description;

  /**
   * @param description endpoint and path, used in error messages
   * @param startPosition where the first byte lands (the existing size when appending)
   */
  protected AbstractUpload(String description, long startPosition) {
    this.description = description;
    this.position = startPosition;
  }

  /** Writes every remaining byte of {@code src} to the backend. */
  protected abstract void doWrite(ByteBuffer src) throws IOException;

  /**
   * Writes all of {@code src} to {@code out}: straight from its array when it has one, otherwise
   * through {@code chunk}, for backends whose client takes an OutputStream.
   */
  protected static void writeAll(java.io.OutputStream out, ByteBuffer src, byte[] chunk) throws IOException {
    if (src.hasArray()) {
      out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
      src.position(src.limit());
      return;
    }
    while (src.hasRemaining()) {
      int n = Math.min(chunk.length, src.remaining());
      src.get(chunk, 0, n);
      out.write(chunk, 0, n);
    }
  }

  /** Publishes the file; called at most once, after every write succeeded. */
  protected abstract void doCommit() throws IOException;

  /** Discards whatever was written; called at most once, when closing without a commit. */
  protected abstract void doAbort() throws IOException;

  /** Releases resources after a commit or an abort; the default does nothing. */
  protected void doRelease() throws IOException {}

  @Override
  public final int write(ByteBuffer src) throws IOException {
    ensureOpen();
    int n = src.remaining();
    try {
      doWrite(src);
    } catch (IOException | RuntimeException e) {
      state = State.POISONED;
      throw e;
    }
    position += n;
    return n;
  }

  @Override
  public final void commit() throws IOException {
    ensureOpen();
    try {
      doCommit();
      state = State.COMMITTED;
    } catch (IOException | RuntimeException e) {
      state = State.POISONED;
      throw e;
    }
  }

  @Override
  public final long position() {
    return position;
  }

  @Override
  public final boolean isOpen() {
    return state == State.OPEN;
  }

  @Override
  public final void close() throws IOException {
    if (state == State.CLOSED) {
      return;
    }
    boolean abort = state != State.COMMITTED;
    state = State.CLOSED;
    try {
      if (abort) {
        doAbort();
      }
    } finally {
      doRelease();
    }
  }

  private void ensureOpen() throws IOException {
    switch (state) {
      case OPEN -> {}
      case POISONED -> throw new IOException(description + ": upload failed earlier, abort it");
      case COMMITTED -> throw new IOException(description + ": upload already committed");
      case CLOSED -> throw new ClosedChannelException();
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + description + "]";
  }
}
