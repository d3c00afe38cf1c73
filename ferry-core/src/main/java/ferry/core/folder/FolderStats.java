package ferry.core.folder;

import java.time.Instant;
import java.util.List;

/**
 * How much of a folder is in use and who mounts it.
 *
 * @param usedQuotaSize bytes charged to the folder
 * @param usedQuotaFiles files charged to the folder
 * @param lastQuotaUpdate when the usage last changed, or null if never
 * @param users the users that map the folder directly, sorted
 */
public record FolderStats(long usedQuotaSize, long usedQuotaFiles, Instant lastQuotaUpdate, List<String> users) {
  public static final FolderStats NONE = new FolderStats(0, 0, null, List.of());

  public FolderStats {
    users = List.copyOf(users);
  }
}
