package ferry.core.transfer;

import static java.util.Objects.requireNonNull;

import ferry.core.error.ConflictException;
import ferry.core.error.NotFoundException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.time.Clock;
import java.util.Optional;

/**
 * Tracked transfers (contract 13): agents create and update their own; admins see all, a customer
 * those of its agents and of its own file-server user. Callers are named by plain ids so that the
 * core does not know the HTTP face's caller.
 */
public final class TrackedTransferService {
  /** Compare-and-set rounds of one update before giving up on a transfer that keeps changing. */
  static final int MAX_ATTEMPTS = 50;

  private final TrackedTransferRepository repo;
  private final Clock clock;
  private final Runnable settle;

  /**
   * @param settle run before each read, so that the server's transfer records written in the
   *     background are listed
   */
  public TrackedTransferService(TrackedTransferRepository repo, Clock clock, Runnable settle) {
    this.repo = requireNonNull(repo, "No tracked transfer repository");
    this.clock = requireNonNull(clock, "No clock");
    this.settle = requireNonNull(settle, "No settle hook");
  }

  /** A create's answer: the transfer, and whether this call made it (false: a retry found it). */
  public record Created(TrackedTransfer transfer, boolean isNew) {}

  /**
   * Stores a new pending transfer of agent {@code agentId} of {@code customer}. With a client id
   * already used by the same agent, it returns the stored transfer (a retried POST).
   *
   * @throws ConflictException when another agent's transfer (or a server transfer) has that id
   */
  public Created create(String agentId, String customer, NewTransfer request) {
    String id = request.id() != null ? request.id() : TransferIds.next();
    TrackedTransfer t = TrackedTransfer.pending(id, agentId, customer, request, clock.instant());
    if (repo.insert(t)) return new Created(t, true);
    TrackedTransfer stored = repo.find(id).orElseThrow(() -> taken(id));
    if (!agentId.equals(stored.agentId())) throw taken(id);
    return new Created(stored, false);
  }

  private static ConflictException taken(String id) {
    return new ConflictException("transfer id " + id + " is already taken; send another id, or none");
  }

  /**
   * Applies {@code patch} to agent {@code agentId}'s transfer {@code id} ({@link TrackedTransfer#apply}),
   * again on the fresh transfer whenever a concurrent update got there first.
   *
   * @throws NotFoundException when the agent has no transfer {@code id}
   */
  public TrackedTransfer update(String agentId, String id, TransferPatch patch) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      TrackedTransfer current = find(id).filter(t -> agentId.equals(t.agentId())).orElseThrow(() -> missing(id));
      TrackedTransfer next = current.apply(patch, clock.instant());
      if (repo.update(next, current.status())) return next;
    }
    throw new ConflictException("transfer " + id + " keeps changing under concurrent updates; try again");
  }

  /**
   * Transfer {@code id} as {@code customer} may see it.
   *
   * @param customer the calling customer, or null for an admin
   * @throws NotFoundException when there is no such transfer, or the customer may not see it
   */
  public TrackedTransfer get(String customer, String id) {
    settle.run();
    return find(id).filter(t -> customer == null || t.belongsTo(customer)).orElseThrow(() -> missing(id));
  }

  /** Transfers matching {@code filter}, newest first. */
  public Page<TrackedTransfer> list(TrackedFilter filter, PageRequest page) {
    settle.run();
    return repo.list(filter, page);
  }

  private Optional<TrackedTransfer> find(String id) {
    return TransferIds.normalize(id).flatMap(repo::find);
  }

  private static NotFoundException missing(String id) {
    return new NotFoundException("transfer " + id + " does not exist");
  }
}
