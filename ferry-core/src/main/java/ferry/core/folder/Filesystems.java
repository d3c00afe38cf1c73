package ferry.core.folder;

import static java.util.Objects.requireNonNull;

import ferry.core.error.ValidationException;
import ferry.core.secret.SecretCipher;
import java.nio.file.Path;
import java.util.Map;

/**
 * The reference API's {@code FilesystemConfig} for other owners than folders (users, groups):
 * validation, sealing and redaction of its secrets, and the storage it names. Secrets are sealed
 * exactly as for folders, so one stored config reads the same wherever it sits.
 */
public final class Filesystems {
  public static final int LOCAL = FsMapping.LOCAL;

  private final FolderSecrets secrets;
  private final FsMapping mapping;
  private final DataDirGuard dataDir;

  /** With the server's {@code dataDir}, which no local home may contain or lie inside. */
  public Filesystems(SecretCipher cipher, Path dataDir) {
    this.secrets = new FolderSecrets(requireNonNull(cipher, "No cipher"));
    this.mapping = new FsMapping(secrets);
    this.dataDir = new DataDirGuard(dataDir);
  }

  /** The provider number of {@code fs} (0 local, 1 S3, 5 SFTP, 7 FTP). */
  public static int provider(Map<String, Object> fs) {
    return FsMapping.provider(fs);
  }

  /**
   * Checks a config; a local one needs {@code localRoot} to be an absolute path.
   *
   * @param rootField how the local root is called in messages, e.g. {@code home_dir}
   * @throws ValidationException naming the field at fault
   */
  public static void validate(Map<String, Object> fs, String localRoot, String rootField) {
    if (provider(fs) == LOCAL) {
      if (localRoot == null || !localRoot.startsWith("/"))
        throw new ValidationException(rootField + " must be an absolute directory path for a local filesystem");
      return;
    }
    FsMapping.validate(fs, localRoot);
  }

  /**
   * Refuses a local {@code localRoot} that is, contains or lies inside the server's data directory
   * (compared as real paths); other providers pass.
   *
   * @param rootField how the local root is called in messages, e.g. {@code home_dir}
   * @throws ValidationException naming the field
   */
  public void requireApartFromDataDir(Map<String, Object> fs, String localRoot, String rootField) {
    if (provider(fs) == LOCAL) {
      dataDir.requireApart(rootField, localRoot);
    }
  }

  /** Seals Plain secrets; Redacted ones keep the value in {@code previous} (may be null). */
  public Map<String, Object> seal(Map<String, Object> fs, Map<String, Object> previous) {
    return secrets.seal(fs, previous);
  }

  /** The config as answers show it: secrets without payload. */
  public Map<String, Object> redact(Map<String, Object> fs) {
    return secrets.redact(fs);
  }

  /** The storage a stored (sealed) config names; a local one is rooted at {@code localRoot}. */
  public StorageTarget target(Map<String, Object> fs, String localRoot) {
    return mapping.target(fs, localRoot);
  }
}
