package ferry.web.shares.tus;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.web.WebSessionService;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumable uploads staged on local disk until their last byte: {@code <dir>/<id>.bin} holds the
 * bytes so far (its size is the offset), {@code <id>.properties} who owns it, how long it will be
 * and where it goes. Nothing reaches the owner's tree before the upload is published through the
 * file core. State lives on this node's disk, so an upload resumes on the node that started it.
 */
public final class TusStore {
  private static final Logger LOG = LoggerFactory.getLogger(TusStore.class);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");
  static final int BUFFER_BYTES = 64 * 1024;

  /** One staged upload. {@code offset} is the bytes received when it was read. */
  public record Staged(String id, String owner, long length, String target, Instant created, long offset) {
    public boolean complete() {
      return offset == length;
    }
  }

  /** The result of an append: the upload after it, and whether the body stopped short. */
  public record Appended(Staged upload, boolean tooLong) {}

  private final Path dir;
  private final Duration keep;
  private final Clock clock;
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  public TusStore(Path dir, Duration keep, Clock clock) {
    this.dir = requireNonNull(dir, "No staging directory");
    this.keep = requireNonNull(keep, "No expiry");
    this.clock = requireNonNull(clock, "No clock");
  }

  /** How long a staged upload is kept after it started. */
  public Duration keep() {
    return keep;
  }

  /** Starts an upload of {@code length} bytes for {@code owner} to the virtual path {@code target}. */
  public Staged create(String owner, long length, String target) throws IOException {
    ensureDir();
    String id = WebSessionService.randomToken();
    Staged s = new Staged(id, owner, length, target, clock.instant(), 0);
    Files.createFile(bin(id), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Properties p = new Properties();
    p.setProperty("owner", owner);
    p.setProperty("length", Long.toString(length));
    p.setProperty("target", target);
    p.setProperty("created", s.created().toString());
    try (Writer w = Files.newBufferedWriter(meta(id), StandardCharsets.UTF_8)) {
      p.store(w, null);
    }
    return s;
  }

  /** {@code owner}'s upload {@code id}; another owner's, an expired or unknown one is empty. */
  public Optional<Staged> find(String id, String owner) throws IOException {
    if (id == null || !ID.matcher(id).matches() || !Files.exists(meta(id))) return Optional.empty();
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(meta(id), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (java.nio.file.NoSuchFileException gone) {
      return Optional.empty();
    }
    if (!owner.equals(p.getProperty("owner"))) return Optional.empty();
    Instant created = Instant.parse(p.getProperty("created"));
    if (expired(created)) return Optional.empty();
    long offset = Files.exists(bin(id)) ? Files.size(bin(id)) : -1;
    if (offset < 0) return Optional.empty();
    return Optional.of(new Staged(id, owner, Long.parseLong(p.getProperty("length")), p.getProperty("target"),
        created, offset));
  }

  /** When {@code s} stops being resumable. */
  public Instant expires(Staged s) {
    return s.created().plus(keep);
  }

  private boolean expired(Instant created) {
    return !created.plus(keep).isAfter(clock.instant());
  }

  /**
   * Runs {@code action} holding the upload's lock; another request on the same upload meanwhile
   * gets an empty answer (a client that lost its connection retries once the first request ends).
   */
  public <T> Optional<T> locked(String id, IoAction<T> action) throws IOException {
    ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
    if (!lock.tryLock()) return Optional.empty();
    try {
      return Optional.of(action.run());
    } finally {
      lock.unlock();
      locks.remove(id, lock);
    }
  }

  /** An I/O step run under an upload's lock. */
  public interface IoAction<T> {
    T run() throws IOException;
  }

  /**
   * Appends {@code in} to the staged bytes through one bounded buffer, up to the announced length.
   * What arrived before the client stopped stays (the client resumes from there).
   */
  public Appended append(Staged s, InputStream in) throws IOException {
    byte[] buf = new byte[BUFFER_BYTES];
    long offset = s.offset();
    boolean tooLong = false;
    try (FileChannel ch = FileChannel.open(bin(s.id()), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      while (true) {
        int want = (int) Math.min(buf.length, s.length() - offset);
        if (want == 0) {
          tooLong = in.read() >= 0;
          break;
        }
        int n = in.read(buf, 0, want);
        if (n < 0) break;
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
        while (b.hasRemaining()) ch.write(b);
        offset += n;
      }
    } catch (IOException e) {
      LOG.debug("Upload {} stopped at {} of {} bytes: {}", s.id(), Files.size(bin(s.id())), s.length(), e.toString());
    }
    long now = Files.size(bin(s.id()));
    return new Appended(new Staged(s.id(), s.owner(), s.length(), s.target(), s.created(), now), tooLong);
  }

  /** The staged bytes, for publishing. */
  public InputStream open(Staged s) throws IOException {
    return Files.newInputStream(bin(s.id()));
  }

  /** Forgets an upload and its bytes. */
  public void delete(String id) throws IOException {
    Files.deleteIfExists(meta(id));
    Files.deleteIfExists(bin(id));
  }

  /** Removes every upload older than {@link #keep()}, and bytes whose state is gone; returns how many. */
  public int prune() {
    if (!Files.isDirectory(dir)) return 0;
    int removed = 0;
    Instant cut = clock.instant().minus(keep);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        try {
          if (Files.getLastModifiedTime(f).toInstant().isBefore(cut) || orphan(f)) {
            Files.deleteIfExists(f);
            removed++;
          }
        } catch (IOException e) {
          LOG.warn("Pruning the staged upload {} failed: {}", f, e.toString());
        }
      }
    } catch (IOException e) {
      LOG.warn("Listing the staged uploads in {} failed: {}", dir, e.toString());
    }
    return removed;
  }

  private boolean orphan(Path f) {
    String name = f.getFileName().toString();
    return name.endsWith(".bin") && !Files.exists(dir.resolve(name.replace(".bin", ".properties")));
  }

  private void ensureDir() throws IOException {
    if (Files.isDirectory(dir)) return;
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  private Path bin(String id) {
    return dir.resolve(id + ".bin");
  }

  private Path meta(String id) {
    return dir.resolve(id + ".properties");
  }
}
