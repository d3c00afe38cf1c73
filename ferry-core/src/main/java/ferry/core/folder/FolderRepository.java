package ferry.core.folder;

import java.util.List;
import java.util.Optional;

/** Storage port for the VFS Library. */
public interface FolderRepository {
  /**
   * Stores a new folder and returns its id.
   *
   * @throws ferry.core.error.ConflictException when the name is taken
   */
  long insert(Folder folder);

  /** Replaces the description, mapped path and filesystem of the folder with this name. */
  void update(Folder folder);

  Optional<Folder> find(String name);

  /** All folders sorted by name. */
  List<Folder> list();

  /**
   * Removes a folder.
   *
   * @return false when no folder has this name
   * @throws ferry.core.error.ConflictException when users or groups still map it
   */
  boolean delete(String name);

  /** Usage and users of a folder; {@link FolderStats#NONE} where the store keeps none. */
  default FolderStats stats(String name) {
    return FolderStats.NONE;
  }
}
