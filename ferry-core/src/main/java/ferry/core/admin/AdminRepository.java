package ferry.core.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port for admin accounts. */
public interface AdminRepository {
  /** The admin with this username. */
  Optional<Admin> find(String username);

  /** Stores {@code admin} unless one with its name exists; true when it was stored. */
  boolean insertIfAbsent(Admin admin);

  /** How many admins exist. */
  long count();

  /**
   * Stores a new admin.
   *
   * @return the new id
   * @throws ferry.core.error.ConflictException when the username is taken
   */
  long insert(Admin admin);

  /** Replaces the stored admin of the same username (all but id, created_at and last_login). */
  void update(Admin admin);

  /** Admins sorted by username, {@code offset} skipped, at most {@code limit}. */
  List<Admin> list(int offset, int limit, boolean descending);

  /** Removes the admin; false when there was none. */
  boolean delete(String username);

  /** How many enabled admins hold the {@code *} permission. */
  long countEnabledSuperAdmins();

  /** Sets the last login to {@code at} unless it is already later than {@code notBefore}. */
  void touchLogin(String username, Instant at, Instant notBefore);
}
