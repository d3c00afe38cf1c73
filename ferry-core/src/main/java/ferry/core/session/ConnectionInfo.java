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
 */
public record ConnectionInfo(
    String id,
    String username,
    String protocol,
    String remoteAddr,
    Instant startedAt,
    List<ActiveTransfer> transfers) {
  public ConnectionInfo {
    transfers = List.copyOf(transfers);
  }
}
