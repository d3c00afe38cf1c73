package ferry.core.account;

import java.time.Instant;
import java.util.List;

/** A group of users and the settings they inherit (the reference API's {@code Group}). */
public record Group(
    long id,
    String name,
    String description,
    GroupUserSettings userSettings,
    List<FolderMapping> virtualFolders,
    Instant createdAt,
    Instant updatedAt) {
  public Group {
    virtualFolders = List.copyOf(virtualFolders);
  }

  /** The same group with other settings. */
  Group withSettings(GroupUserSettings settings) {
    return new Group(id, name, description, settings, virtualFolders, createdAt, updatedAt);
  }
}
