package ferry.core.folder;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A storage backend type ({@code local}, {@code s3}, {@code sftp}, {@code ftp}) and its settings,
 * ready for {@link ferry.vfs.VfsProviders#open}. Settings hold secrets in clear, so {@link
 * #toString()} names only the type.
 */
public record StorageTarget(String type, Map<String, String> settings) {
  public StorageTarget {
    requireNonNull(type, "No storage type");
    settings = Map.copyOf(settings);
  }

  @Override
  public String toString() {
    return "StorageTarget[" + type + "]";
  }
}
