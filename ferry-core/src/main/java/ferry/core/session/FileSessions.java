package ferry.core.session;

import static java.util.Objects.requireNonNull;

import ferry.core.Ids;
import ferry.core.account.UsageRepository;
import ferry.core.error.PermissionDeniedException;
import ferry.vfs.VfsProviders;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens {@link FileSession}s for logged-in users and registers them as live connections. */
public final class FileSessions {
  private static final Logger LOG = LoggerFactory.getLogger(FileSessions.class);

  private final VfsProviders providers;
  private final UsageRepository usage;
  private final TransferLog transferLog;
  private final Connections connections;
  private final OpenUploads openUploads;
  private final Clock clock;

  /** Sessions whose uploads in progress are not recorded. */
  public FileSessions(
      VfsProviders providers,
      UsageRepository usage,
      TransferLog transferLog,
      Connections connections,
      Clock clock) {
    this(providers, usage, transferLog, connections, OpenUploads.none(), clock);
  }

  /** Sessions that record their uploads in progress in {@code openUploads}. */
  public FileSessions(
      VfsProviders providers,
      UsageRepository usage,
      TransferLog transferLog,
      Connections connections,
      OpenUploads openUploads,
      Clock clock) {
    this.openUploads = requireNonNull(openUploads, "No open uploads");
    this.providers = requireNonNull(providers, "No vfs providers");
    this.usage = requireNonNull(usage, "No usage repository");
    this.transferLog = requireNonNull(transferLog, "No transfer log");
    this.connections = requireNonNull(connections, "No connections");
    this.clock = requireNonNull(clock, "No clock");
  }

  /**
   * Opens a session for {@code user}. Cheap and non-blocking: storages open on first use.
   *
   * @param protocol the front end, e.g. {@code SFTP}
   * @param remoteAddr the client's IP address
   * @throws PermissionDeniedException if the user already has max_sessions sessions open
   */
  public FileSession open(SessionUser user, String protocol, String remoteAddr) {
    requireNonNull(user, "No user");
    requireNonNull(protocol, "No protocol");
    requireNonNull(remoteAddr, "No remote address");
    String id = protocol.toLowerCase(Locale.ROOT) + "_" + Ids.random(9);
    VfsFileSession session =
        new VfsFileSession(
            id, user, protocol, remoteAddr, providers, usage, transferLog, connections, openUploads, clock);
    connections.register(session, user.maxSessions());
    LOG.debug("File session {} of {} over {} from {} opened", id, user.username(), protocol, remoteAddr);
    return session;
  }

  /** The live connections these sessions register in. */
  public Connections connections() {
    return connections;
  }
}
