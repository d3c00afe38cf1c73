package ferry.core.session;

import ferry.core.account.UsageRepository;
import ferry.core.account.UsageRepository.Usage;
import ferry.core.error.QuotaExceededException;
import ferry.core.session.SessionUser.Mount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quota that governs one mount: the user's for the home and for folders counted in it (-1),
 * the folder's own otherwise. Usage of a virtual folder is always kept on the folder too.
 */
final class QuotaScope {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaScope.class);

  private final SessionUser user;
  private final Mount mount;
  private final UsageRepository usage;

  QuotaScope(SessionUser user, Mount mount, UsageRepository usage) {
    this.user = user;
    this.mount = mount;
    this.usage = usage;
  }

  private boolean sizeInUser() {
    return mount.isHome() || mount.quotaSize() < 0;
  }

  private boolean filesInUser() {
    return mount.isHome() || mount.quotaFiles() < 0;
  }

  private boolean chargesUser() {
    return sizeInUser() || filesInUser();
  }

  private long sizeLimit() {
    return sizeInUser() ? user.quotaSize() : mount.quotaSize();
  }

  private long filesLimit() {
    return filesInUser() ? user.quotaFiles() : mount.quotaFiles();
  }

  private String owner(boolean inUser) {
    return inUser ? "user " + user.username() : "virtual folder " + mount.folderName();
  }

  /**
   * Checks that an upload may start and returns the largest final size it may reach.
   *
   * @param path the virtual path, for messages
   * @param newFile true if the upload creates a file
   * @param oldSize the size of the file it replaces or continues, 0 for a new file
   * @throws QuotaExceededException if the files or size quota is already used up
   */
  long startUpload(String path, boolean newFile, long oldSize) {
    if (!limitsUploads()) {
      return Long.MAX_VALUE;
    }
    long files = filesLimit();
    long size = sizeLimit();
    Usage used = mount.isHome() ? usage.user(user.username()) : null;
    Usage usedFiles = filesInUser() ? userUsage(used) : usage.folder(mount.folderName());
    Usage usedSize = sizeInUser() ? userUsage(used) : usage.folder(mount.folderName());
    if (newFile && files > 0 && usedFiles.files() >= files) {
      throw new QuotaExceededException(
          "quota exceeded: " + owner(filesInUser()) + " already has " + usedFiles.files()
              + " of " + files + " files; cannot create " + path);
    }
    long max = Long.MAX_VALUE;
    if (size > 0) {
      if (usedSize.size() >= size) {
        throw new QuotaExceededException(
            "quota exceeded: " + owner(sizeInUser()) + " already uses " + usedSize.size()
                + " of " + size + " bytes; cannot upload " + path);
      }
      max = size - usedSize.size() + oldSize;
    }
    if (user.maxUploadFileSize() > 0) {
      max = Math.min(max, user.maxUploadFileSize());
    }
    return max;
  }

  /** True if an upload here is checked against a limit, which reads the usage from the database. */
  boolean limitsUploads() {
    return filesLimit() > 0 || sizeLimit() > 0 || user.maxUploadFileSize() > 0;
  }

  private Usage userUsage(Usage cached) {
    return cached != null ? cached : usage.user(user.username());
  }

  /** The message for a write that would pass {@code maxSize}. */
  String overrun(String path, long maxSize) {
    if (user.maxUploadFileSize() > 0 && maxSize == user.maxUploadFileSize()) {
      return "quota exceeded: " + path + " would be larger than the upload limit of "
          + maxSize + " bytes";
    }
    return "quota exceeded: " + path + " would take " + owner(sizeInUser())
        + " past its size quota of " + sizeLimit() + " bytes";
  }

  /** Adds {@code size} bytes and {@code files} files (negative to credit) to the usage. */
  void charge(long size, long files) {
    if (size == 0 && files == 0) {
      return;
    }
    try {
      if (chargesUser()) {
        usage.addToUser(user.username(), size, files);
      }
      if (!mount.isHome()) {
        usage.addToFolder(mount.folderName(), size, files);
      }
    } catch (RuntimeException e) {
      // The file operation already happened; a lost charge is fixed by a quota scan, not by
      // failing the client's operation.
      LOG.error("Updating the quota usage of {} by {} bytes, {} files failed", owner(chargesUser()),
          size, files, e);
    }
  }
}
