package ferry.core.transfer;

/**
 * Which transfer records to list; a null field does not filter.
 *
 * @param username only this user's transfers
 * @param protocol only this protocol's, e.g. {@code SFTP}
 * @param ok only successful (true) or failed (false) ones
 */
public record TransferFilter(String username, String protocol, Boolean ok) {
  /** No filter: every record. */
  public static TransferFilter all() {
    return new TransferFilter(null, null, null);
  }
}
