package ferry.core.account;

import java.util.List;
import java.util.Optional;

/** Storage port for groups with their folder mappings. */
public interface GroupRepository {
  /**
   * Stores a new group.
   *
   * @return the new id
   * @throws ferry.core.error.ConflictException when the name is taken
   */
  long insert(Group group);

  /** Replaces the group's description, settings and folder mappings. */
  void update(Group group);

  Optional<Group> find(String name);

  /** Groups sorted by name. */
  List<Group> list();

  /**
   * Removes a group.
   *
   * @return false when there was none
   * @throws ferry.core.error.ConflictException when users are still members
   */
  boolean delete(String name);
}
