package ferry.sftpd;

import static java.util.Objects.requireNonNull;

import ferry.core.session.FileSession;
import ferry.core.session.SessionUser;
import ferry.core.session.UploadMode;
import ferry.vfs.FileAttrs;
import java.io.IOException;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.sshd.common.file.util.BaseFileSystem;

/**
 * One SFTP channel's or SCP command's view of the user's tree, as a {@link java.nio.file.FileSystem}
 * MINA can drive. The {@link FileSession} behind it opens on first use (cheap: its storage opens
 * lazily too) and closes with it.
 */
final class SessionFileSystem extends BaseFileSystem<SessionPath> {
  private static final Set<String> VIEWS = Set.of("basic", "posix", "unix");

  private final SessionOpener opener;
  private final SessionUser user;
  private final String protocol;
  private final String remoteAddr;
  private final Runnable disconnect;
  private final Supplier<String> endCause;
  private final SessionAttributes.Owner owner;
  private final AttrCache cache = new AttrCache();
  // Uploads in progress by virtual path: FSETSTAT on a handle reaches the accessor with the path
  // only, and the file does not exist under that path until CLOSE (OpenSSH scp sends one).
  private final Map<String, TransferChannel> uploads = new ConcurrentHashMap<>();
  private FileSession session;
  private boolean closed;

  SessionFileSystem(
      SessionFileSystemProvider provider,
      SessionOpener opener,
      SessionUser user,
      String protocol,
      String remoteAddr,
      Runnable disconnect,
      Supplier<String> endCause) {
    super(provider);
    this.opener = requireNonNull(opener, "No session opener");
    this.user = requireNonNull(user, "No user");
    this.protocol = requireNonNull(protocol, "No protocol");
    this.remoteAddr = requireNonNull(remoteAddr, "No remote address");
    this.disconnect = requireNonNull(disconnect, "No disconnect hook");
    this.endCause = requireNonNull(endCause, "No end cause");
    this.owner = new SessionAttributes.Owner(user.username());
  }

  /** The file session, opened on first use. */
  synchronized FileSession session() throws IOException {
    if (closed) {
      throw new ClosedFileSystemException();
    }
    if (session == null) {
      session = opener.open(user, protocol, remoteAddr, disconnect);
    }
    return session;
  }

  String protocol() {
    return protocol;
  }

  /** See {@link FileSession#waitsOnlyOnLocalDisk()}; false once closed. */
  boolean waitsOnlyOnLocalDisk() {
    try {
      return session().waitsOnlyOnLocalDisk();
    } catch (IOException | ClosedFileSystemException e) {
      return false;
    }
  }

  /** Attributes of {@code path}, from the cache when fresh. */
  SessionAttributes stat(String path) throws IOException {
    FileAttrs attrs = cache.get(path);
    if (attrs == null) {
      attrs = session().stat(path);
      cache.put(path, attrs);
    }
    return attributes(attrs);
  }

  /**
   * Opens a file for reading, or for writing when the options say WRITE or APPEND; the open flags
   * become an {@link UploadMode} and the core decides what the mode allows.
   */
  TransferChannel open(String path, Set<? extends OpenOption> options) throws IOException {
    FileSession s = session();
    if (!options.contains(StandardOpenOption.WRITE) && !options.contains(StandardOpenOption.APPEND)) {
      return TransferChannel.reading(s.download(path));
    }
    cache.clear();
    return track(path, TransferChannel.writing(s.upload(path, uploadMode(options))));
  }

  /**
   * The SFTP open flags as MINA maps them (EXCL to CREATE_NEW, CREAT to CREATE, TRUNC to
   * TRUNCATE_EXISTING): without TRUNC an existing file stays until the first write's offset says
   * whether it is continued (APPEND writes at its size) or rewritten.
   */
  static UploadMode uploadMode(Set<? extends OpenOption> options) {
    boolean create = options.contains(StandardOpenOption.CREATE);
    if (options.contains(StandardOpenOption.CREATE_NEW)) {
      return UploadMode.CREATE_NEW;
    }
    if (options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
      return create ? UploadMode.REPLACE : UploadMode.MUST_EXIST;
    }
    return create ? UploadMode.OPEN : UploadMode.OPEN_EXISTING;
  }

  private TransferChannel track(String path, TransferChannel ch) {
    uploads.put(path, ch);
    return ch.whenClosed(() -> uploads.remove(path, ch)); // SFTP CLOSE, SCP end of file, disconnect
  }

  /** The upload in progress on {@code path} in this channel, if any. */
  Optional<TransferChannel> upload(String path) {
    return Optional.ofNullable(uploads.get(path));
  }

  /**
   * Sets the modification time of {@code path}: on a file being uploaded in this channel once it
   * is published, otherwise now (see {@link FileSession#setModified}).
   */
  void setModified(String path, Instant time) throws IOException {
    Optional<TransferChannel> upload = upload(path);
    if (upload.isPresent()) {
      upload.get().setModified(time);
    } else {
      session().setModified(path, time);
      cache.clear();
    }
  }

  SessionAttributes attributes(FileAttrs attrs) {
    return new SessionAttributes(attrs, owner);
  }

  AttrCache cache() {
    return cache;
  }

  @Override
  protected SessionPath create(String root, List<String> names) {
    return new SessionPath(this, root, names, null);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (session != null) {
      // MINA closes this when the channel ends: a transfer still open then was cut short (issue 11)
      session.end(endCause.get());
    }
  }

  @Override
  public synchronized boolean isOpen() {
    return !closed;
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return VIEWS;
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    throw new UnsupportedOperationException("No user lookup in a virtual tree");
  }

  @Override
  public String toString() {
    return protocol + " files of " + user.username() + " from " + remoteAddr;
  }
}
