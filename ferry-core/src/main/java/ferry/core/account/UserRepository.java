package ferry.core.account;

import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port for users with their group and folder mappings. */
public interface UserRepository {
  /**
   * Stores a new user with its mappings.
   *
   * @return the new id
   * @throws ferry.core.error.ConflictException when the username is taken
   */
  long insert(User user);

  /** Replaces the user's settings and mappings; usage and last login are kept. */
  void update(User user);

  /** The user with this username, usage and mappings included. */
  Optional<User> find(String username);

  /** Users sorted by username. */
  Page<User> list(PageRequest page);

  /** Users sorted by username, ascending or descending, {@code offset} skipped, at most {@code limit}. */
  List<User> slice(int offset, int limit, boolean descending);

  /**
   * One page of the users {@code query} selects, in its order, with the count of all it selects;
   * the database pages (never all users in memory).
   */
  Page<User> search(UserQuery query, PageRequest page);

  /** Removes the user and its mappings; false when there was none. */
  boolean delete(String username);

  /** Users that map a group, sorted. */
  List<String> membersOf(String group);

  /**
   * Sets the last login to {@code at} unless it is already later than {@code notBefore}.
   *
   * @return true when it was written
   */
  boolean touchLogin(String username, Instant at, Instant notBefore);
}
