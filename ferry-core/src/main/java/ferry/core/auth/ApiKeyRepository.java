package ferry.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port for API keys. */
public interface ApiKeyRepository {
  /** Stores a new key. */
  void insert(ApiKey key);

  /** The key with this id, revoked or not. */
  Optional<ApiKey> find(String id);

  /** Every key, newest first. */
  List<ApiKey> list();

  /**
   * Replaces the mutable fields of {@code key}: name, scope, expiry, description, allow-list,
   * revocation, bound account, update time.
   */
  void update(ApiKey key);

  /** Records a use of the key at {@code when}. */
  void touch(String id, Instant when);

  /**
   * Deletes the key {@code id}.
   *
   * @return false if there was none
   */
  boolean delete(String id);

  /** Deletes the keys named {@code name} (used to replace the CLI key of a node at start). */
  void deleteByName(String name);
}
