package ferry.agent;

import ferry.vfs.Capability;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one file between this machine's disk and a remote {@link Vfs}, through a bounded buffer,
 * hashing it (SHA-256) on the way. Nothing half-written ever sits under the real name: a pull
 * writes {@code .NAME.ferry-part} and renames it at the end; a push lets the backend do the same,
 * or appends to a remote part file where the backend can resume. When the remote side fails
 * mid-file, the transfer resumes at the offset it reached (reads: every backend; writes: those
 * with {@link Capability#RESUME_UPLOAD}, else from the start), up to {@code attempts} times.
 */
final class FileTransfer {
  private static final Logger log = LoggerFactory.getLogger(FileTransfer.class);
  static final int BUFFER = 64 * 1024;
  static final String PART_SUFFIX = ".ferry-part";

  /** Called after each chunk with the bytes of the file moved so far (may restart lower after a non-resumable retry). */
  interface Progress {
    void at(long bytes) throws IOException;
  }

  record Result(long bytes, String sha256) {}

  private final Backoff backoff;
  private final int attempts;
  private final long bytesPerSecond;

  /** {@code bytesPerSecond} caps each transfer's rate; 0 for no cap. */
  FileTransfer(Backoff backoff, int attempts, long bytesPerSecond) {
    this.backoff = backoff;
    this.attempts = attempts;
    this.bytesPerSecond = bytesPerSecond;
  }

  FileTransfer(Backoff backoff, int attempts) {
    this(backoff, attempts, 0);
  }

  /** The part file a pull into {@code local} writes. */
  static Path partOf(Path local) {
    return local.resolveSibling("." + local.getFileName() + PART_SUFFIX);
  }

  /** Remote to local. */
  Result pull(Vfs vfs, VPath remote, Path local, Progress progress) throws IOException, InterruptedException {
    Path part = partOf(local);
    Files.createDirectories(local.toAbsolutePath().getParent());
    Files.deleteIfExists(part);
    MessageDigest sha = sha256();
    Pace pace = new Pace(bytesPerSecond);
    long pos = 0;
    boolean done = false;
    try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int attempt = 1; ; attempt++) {
        try (InputStream in = vfs.openRead(remote, pos)) {
          byte[] buf = new byte[BUFFER];
          for (int n; (n = in.read(buf)) > 0; ) {
            stopIfInterrupted();
            writeLocal(out, buf, n, part);
            sha.update(buf, 0, n);
            pos += n;
            progress.at(pos);
            pace.after(n);
          }
          break;
        } catch (LocalFileException | InterruptedIOException | NoSuchFileException | AccessDeniedException e) {
          throw e;
        } catch (IOException e) {
          retryOrThrow(e, attempt, "reading " + vfs.endpoint() + remote + " at byte " + pos);
        }
      }
      out.force(true);
      done = true;
    } finally {
      if (!done) Files.deleteIfExists(part);
    }
    try {
      Files.move(part, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, local, StandardCopyOption.REPLACE_EXISTING);
    }
    PrivateFiles.syncDir(local.toAbsolutePath().getParent());
    return new Result(pos, HexFormat.of().formatHex(sha.digest()));
  }

  /** Local to remote. */
  Result push(Path local, Vfs vfs, VPath remote, Progress progress) throws IOException, InterruptedException {
    boolean resumable = vfs.supports(Capability.RESUME_UPLOAD);
    VPath part = remote.parentOrRoot().child("." + remote.name() + PART_SUFFIX);
    if (resumable && vfs.find(part).isPresent()) vfs.remove(part);
    for (int attempt = 1; ; attempt++) {
      long offset = resumable ? vfs.find(part).map(a -> a.size()).orElse(0L) : 0;
      try {
        Result r = upload(local, vfs, resumable ? part : remote, offset, resumable, progress);
        if (resumable) vfs.rename(part, remote, true);
        return r;
      } catch (LocalFileException | InterruptedIOException | AccessDeniedException e) {
        throw e;
      } catch (IOException e) {
        retryOrThrow(e, attempt, "writing " + vfs.endpoint() + remote);
      }
    }
  }

  private Result upload(Path local, Vfs vfs, VPath target, long offset, boolean append, Progress progress) throws IOException {
    MessageDigest sha = sha256();
    Pace pace = new Pace(bytesPerSecond);
    try (FileChannel in = FileChannel.open(local, StandardOpenOption.READ);
        Upload up = vfs.openWrite(target, append ? WriteOptions.append() : WriteOptions.replace())) {
      ByteBuffer buf = ByteBuffer.allocate(BUFFER);
      long pos = 0;
      // the part already on the remote side: hashed from the local copy, not sent again
      while (pos < offset) {
        buf.clear().limit((int) Math.min(BUFFER, offset - pos));
        int n = readLocal(in, buf, local);
        if (n <= 0) throw new LocalFileException(local + " shrank below the " + offset + " bytes already sent", null);
        sha.update(buf.flip());
        pos += n;
      }
      while (true) {
        buf.clear();
        int n = readLocal(in, buf, local);
        if (n < 0) break;
        stopIfInterrupted();
        buf.flip();
        sha.update(buf.duplicate());
        up.write(buf);
        pos += n;
        progress.at(pos);
        pace.after(n);
      }
      up.commit();
      return new Result(pos, HexFormat.of().formatHex(sha.digest()));
    }
  }

  private void retryOrThrow(IOException e, int attempt, String what) throws IOException, InterruptedException {
    if (attempt >= attempts) throw e;
    long wait = backoff.delay(attempt).toMillis();
    log.warn("{} failed ({}); attempt {} of {} in {} ms", what, e.toString(), attempt + 1, attempts, wait);
    Thread.sleep(wait);
  }

  private static void stopIfInterrupted() throws InterruptedIOException {
    if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("interrupted: the agent is shutting down");
  }

  private static void writeLocal(FileChannel out, byte[] b, int n, Path part) throws LocalFileException {
    try {
      ByteBuffer bb = ByteBuffer.wrap(b, 0, n);
      while (bb.hasRemaining()) out.write(bb);
    } catch (IOException e) {
      throw new LocalFileException("cannot write " + part + ": " + e.getMessage(), e);
    }
  }

  private static int readLocal(FileChannel in, ByteBuffer buf, Path local) throws LocalFileException {
    try {
      return in.read(buf);
    } catch (IOException e) {
      throw new LocalFileException("cannot read " + local + ": " + e.getMessage(), e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Holds a transfer to its byte rate by sleeping when it runs ahead. */
  private static final class Pace {
    private final long rate;
    private final long start = System.nanoTime();
    private long bytes;

    Pace(long rate) {
      this.rate = rate;
    }

    void after(long n) throws InterruptedIOException {
      if (rate <= 0) return;
      bytes += n;
      long ahead = bytes * 1_000_000_000L / rate - (System.nanoTime() - start);
      if (ahead <= 0) return;
      try {
        Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted: the agent is shutting down");
      }
    }
  }

  /** A failure of this machine's disk: retrying the remote side would not help. */
  static final class LocalFileException extends IOException {
    LocalFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
