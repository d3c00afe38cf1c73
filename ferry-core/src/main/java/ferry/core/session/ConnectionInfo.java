package ferry.core.session;

import java.time.Instant;
import java.util.List;

/**
 * A live connection as admins see it.
 *
 * @param id the connection id
 * @param username who is logged in
 * @param protocol the front end, e.g. {@code SFTP}
 * @param remoteAddr the client's IP address
 * @param startedAt when the session opened
 * @param transfers the uploads and downloads in progress
 * @param lastActivity when the client last asked for something or bytes last moved
 */
public record ConnectionInfo(
    String id,
    String username,
    String protocol,
    String remoteAddr,
    Instant startedAt,
    List<ActiveTransfer> transfers,
    Instant lastActivity) {
  public ConnectionInfo {
    transfers = List.copyOf(transfers);
    lastActivity = lastActivity == null ? startedAt : lastActivity;
  }

  /** Without its last activity (taken as its start). */
  public ConnectionInfo(String id, String username, String protocol, String remoteAddr, Instant startedAt,
      List<ActiveTransfer> transfers) {
    this(id, username, protocol, remoteAddr, startedAt, transfers, startedAt);
  }
}
