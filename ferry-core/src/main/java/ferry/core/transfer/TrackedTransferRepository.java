package ferry.core.transfer;

import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.util.Optional;

/**
 * Storage port of tracked transfers: agents' transfers, in the same table as the server's
 * {@link TransferRecord}s, so that one listing shows everything that moved.
 */
public interface TrackedTransferRepository {
  /**
   * Stores a new agent transfer.
   *
   * @return false, storing nothing, when a transfer with its id exists
   */
  boolean insert(TrackedTransfer t);

  /** The transfer with public id {@code id}, the server's or an agent's. */
  Optional<TrackedTransfer> find(String id);

  /**
   * Stores {@code next} over the agent transfer of its id if that transfer is still in status
   * {@code expected} and has moved at most {@code next.bytesTransferred()} bytes: a compare-and-set,
   * so that of two concurrent updates neither status nor bytes go backwards.
   *
   * @return false, storing nothing, when the stored transfer no longer matches
   */
  boolean update(TrackedTransfer next, TransferStatus expected);

  /** Transfers matching {@code filter}, newest first, with the total count of matches. */
  Page<TrackedTransfer> list(TrackedFilter filter, PageRequest page);
}
