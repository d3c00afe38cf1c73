package ferry.core.account;

/**
 * A VFS Library folder mounted into a user's tree (the reference API's {@code VirtualFolder}
 * without the folder's own fields).
 *
 * @param name the folder
 * @param virtualPath where it appears, absolute and never "/"
 * @param quotaSize bytes: 0 unlimited, -1 counted in the user's quota
 * @param quotaFiles files: 0 unlimited, -1 counted in the user's quota
 */
public record FolderMapping(String name, String virtualPath, long quotaSize, long quotaFiles) {}
