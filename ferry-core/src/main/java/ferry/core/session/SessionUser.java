package ferry.core.session;

import static java.util.Objects.requireNonNull;

import ferry.core.account.PatternsFilter;
import ferry.core.account.Permission;
import ferry.core.folder.StorageTarget;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a file session needs to know about its user, with the settings of the user's groups
 * already merged in. Built by the account service at login; immutable.
 *
 * @param username the login name
 * @param permissions virtual directory (absolute, "/" always present) to what is allowed there and
 *     below, unless a deeper entry exists
 * @param filePatterns allowed and denied name patterns per virtual directory
 * @param quotaSize the user's quota in bytes, 0 for unlimited
 * @param quotaFiles the user's quota in files, 0 for unlimited
 * @param maxUploadFileSize the largest single upload in bytes, 0 for unlimited
 * @param uploadBandwidth KB/s per upload, 0 for unlimited
 * @param downloadBandwidth KB/s per download, 0 for unlimited
 * @param maxSessions concurrent sessions allowed, 0 for unlimited
 * @param mounts the home ("/") and the virtual folders, each on its own storage
 */
public record SessionUser(
    String username,
    Map<String, Set<Permission>> permissions,
    List<PatternsFilter> filePatterns,
    long quotaSize,
    long quotaFiles,
    long maxUploadFileSize,
    long uploadBandwidth,
    long downloadBandwidth,
    int maxSessions,
    List<Mount> mounts) {
  public SessionUser {
    requireNonNull(username, "No username");
    permissions = Map.copyOf(permissions);
    filePatterns = List.copyOf(filePatterns);
    mounts = List.copyOf(mounts);
    if (!permissions.containsKey("/")) {
      throw new IllegalArgumentException("No permissions for / of user " + username);
    }
    if (mounts.stream().noneMatch(m -> m.virtualPath().equals("/"))) {
      throw new IllegalArgumentException("No home mount for user " + username);
    }
  }

  /** These settings with other per-transfer bandwidth limits (KB/s, 0 unlimited). */
  public SessionUser withBandwidth(long upload, long download) {
    return new SessionUser(username, permissions, filePatterns, quotaSize, quotaFiles, maxUploadFileSize, upload,
        download, maxSessions, mounts);
  }

  /**
   * One storage mounted into the user's tree.
   *
   * @param virtualPath where it appears: "/" for the home, otherwise an absolute sub path
   * @param folderName the VFS Library folder behind it, or null for the home
   * @param storage how to open its storage
   * @param quotaSize the folder's quota in bytes: 0 unlimited, -1 counted in the user's quota
   * @param quotaFiles the folder's quota in files: 0 unlimited, -1 counted in the user's quota
   */
  public record Mount(
      String virtualPath, String folderName, StorageTarget storage, long quotaSize, long quotaFiles) {
    public Mount {
      requireNonNull(virtualPath, "No virtual path");
      requireNonNull(storage, "No storage");
    }

    /** True for the user's home directory. */
    public boolean isHome() {
      return folderName == null;
    }
  }
}
