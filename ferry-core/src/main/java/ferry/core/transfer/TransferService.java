package ferry.core.transfer;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.Actor;
import ferry.core.error.ValidationException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;

/** The transfer log for admins: every upload and download of every protocol, and job transfers. */
public final class TransferService {
  private final TransferRepository repo;
  private final Runnable settle;

  public TransferService(TransferRepository repo) {
    this(repo, () -> {});
  }

  /** With {@code settle} run before each read, so that records written in the background are listed. */
  public TransferService(TransferRepository repo, Runnable settle) {
    this.repo = requireNonNull(repo, "No transfer repository");
    this.settle = requireNonNull(settle, "No settle hook");
  }

  /**
   * Lists transfer records, newest first.
   *
   * @param limit 1 to {@link PageRequest#MAX_LIMIT}
   * @param offset 0 or more
   * @throws ValidationException for a limit or offset out of range
   */
  public Page<TransferRecord> list(Actor actor, TransferFilter filter, int limit, int offset) {
    actor.requireAdmin("read the transfer log");
    if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
      throw new ValidationException("limit must be between 1 and " + PageRequest.MAX_LIMIT + ", got " + limit);
    }
    if (offset < 0) {
      throw new ValidationException("offset must be 0 or more, got " + offset);
    }
    settle.run();
    return repo.list(filter, limit, offset);
  }
}
