package ferry.vfs;

import java.io.IOException;
import java.util.Map;

/**
 * Creates {@link Vfs} instances of one backend type from flat settings. Backends register an
 * implementation in {@code META-INF/services/ferry.vfs.VfsProvider}; see {@link VfsProviders}.
 */
public interface VfsProvider {
  /**
   * Returns the backend type this provider handles, e.g. {@code s3}, {@code sftp}, {@code ftp},
   * {@code local}.
   */
  String type();

  /**
   * Creates a file system from settings whose snake_case keys match the backend's config record.
   *
   * @param settings the endpoint settings, e.g. {@code bucket}, {@code region}
   * @return a new file system the caller must close
   * @throws IllegalArgumentException if a setting is missing or invalid; the message names it
   * @throws IOException if the backend cannot be opened
   */
  Vfs create(Map<String, String> settings) throws IOException;

  /**
   * True when this backend's calls wait on nothing but a local disk (never on a network), so a
   * front end may make them on its I/O threads.
   */
  default boolean onLocalDisk() {
    return false;
  }
}
