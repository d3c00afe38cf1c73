package ferry.core.transfer;

import java.time.Instant;

/**
 * Which transfer records to list; a null field does not filter.
 *
 * @param username only this user's transfers
 * @param protocol only this protocol's, e.g. {@code SFTP}
 * @param ok only successful (true) or failed (false) ones
 * @param from only those finished at or after this instant
 * @param to only those finished before this instant
 */
public record TransferFilter(String username, String protocol, Boolean ok, Instant from, Instant to) {
  /** Without a time range. */
  public TransferFilter(String username, String protocol, Boolean ok) {
    this(username, protocol, ok, null, null);
  }

  /** No filter: every record. */
  public static TransferFilter all() {
    return new TransferFilter(null, null, null);
  }
}
