package ferry.core.secret;

import java.util.List;
import java.util.Optional;

/** Storage port for secrets. */
public interface SecretRepository {
  /** Inserts or replaces the secret; true when it did not exist before. */
  boolean upsert(StoredSecret secret);

  Optional<StoredSecret> find(String name);

  /** All secrets sorted by name. */
  List<StoredSecret> list();

  /** true when a secret was deleted. */
  boolean delete(String name);
}
