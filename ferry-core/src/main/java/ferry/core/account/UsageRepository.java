package ferry.core.account;

/**
 * Storage port for quota usage of users and virtual folders. Deltas are applied atomically in the
 * database, so several sessions and server nodes can add to one account at once.
 */
public interface UsageRepository {
  /** Bytes and files in use. */
  record Usage(long size, long files) {}

  /** The user's usage; zero for an unknown user. */
  Usage user(String username);

  /** The folder's usage; zero for an unknown folder. */
  Usage folder(String folderName);

  /** Adds (or with negatives removes) bytes and files to a user's usage and stamps its time. */
  void addToUser(String username, long size, long files);

  /** Adds (or with negatives removes) bytes and files to a folder's usage and stamps its time. */
  void addToFolder(String folderName, long size, long files);

  /** Replaces a user's usage (a quota scan or an admin's reset) and stamps its time. */
  void setUser(String username, long size, long files);

  /** Replaces a folder's usage (a quota scan or an admin's reset) and stamps its time. */
  void setFolder(String folderName, long size, long files);
}
