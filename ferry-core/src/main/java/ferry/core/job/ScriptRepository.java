package ferry.core.job;

import java.util.List;
import java.util.Optional;

/** Storage port for stored scripts. */
public interface ScriptRepository {
  /**
   * Stores a new script.
   *
   * @throws ferry.core.error.ConflictException when another script has the same name ignoring case
   */
  void insert(Script script);

  /**
   * Replaces a script's name, description and source.
   *
   * @throws ferry.core.error.ConflictException when another script has the new name ignoring case
   */
  void update(Script script);

  Optional<Script> findById(String id);

  /** The script whose name equals {@code name} ignoring case. */
  Optional<Script> findByName(String name);

  /** All scripts sorted by name. */
  List<Script> list();

  boolean delete(String id);
}
