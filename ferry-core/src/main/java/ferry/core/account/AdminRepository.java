package ferry.core.account;

import java.util.Optional;

/** Storage port for admin accounts. */
public interface AdminRepository {
  /** The admin with this username. */
  Optional<Admin> find(String username);

  /** Stores {@code admin} unless one with its name exists; true when it was stored. */
  boolean insertIfAbsent(Admin admin);

  /** How many admins exist. */
  long count();
}
