package ferry.core.customer;

import static java.util.Objects.requireNonNull;

import ferry.core.account.UserRepository;
import ferry.core.error.NotFoundException;
import java.time.Clock;
import java.util.List;

/**
 * The customer role (SPEC §4): a file-server user who also owns agents, scheduled jobs and
 * pipelines on the orchestration face, and logs in there with its /api/v2 user token. Only admins
 * grant or take it; deleting the user takes it too.
 */
public final class CustomerService {
  private final CustomerRepository repo;
  private final UserRepository users;
  private final Clock clock;

  public CustomerService(CustomerRepository repo, UserRepository users, Clock clock) {
    this.repo = requireNonNull(repo, "No customer repository");
    this.users = requireNonNull(users, "No user repository");
    this.clock = requireNonNull(clock, "No clock");
  }

  /**
   * Gives an existing user the customer role (doing nothing when it has it).
   *
   * @throws NotFoundException when no such user exists
   */
  public void grant(String username) {
    if (users.find(username).isEmpty()) throw new NotFoundException("user " + username + " does not exist");
    repo.add(username, clock.instant());
  }

  /**
   * Takes the role away; the user's agents, jobs and pipelines stay but it can no longer reach them.
   *
   * @throws NotFoundException when the user is not a customer
   */
  public void revoke(String username) {
    if (!repo.remove(username)) throw new NotFoundException("user " + username + " is not a customer");
  }

  public boolean isCustomer(String username) {
    return repo.isCustomer(username);
  }

  public List<String> list() {
    return repo.list();
  }
}
