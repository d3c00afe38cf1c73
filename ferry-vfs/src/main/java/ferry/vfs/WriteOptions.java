package ferry.vfs;

import static java.util.Objects.requireNonNull;

/**
 * How {@link Vfs#openWrite} writes a file.
 *
 * @param mode what to do with an existing target
 * @param tempRename write under a temporary name in the same directory and rename it on commit, so
 *     readers never see a partial file. When false, the backend writes the target directly and
 *     deletes it again on abort. Backends whose uploads are atomic anyway (S3) ignore it.
 */
public record WriteOptions(WriteMode mode, boolean tempRename) {
  public static final boolean DEFAULT_TEMP_RENAME = true;

  public WriteOptions {
    requireNonNull(mode, "No write mode");
  }

  /** Create a new file; fail if it exists. */
  public static WriteOptions createNew() {
    return new WriteOptions(WriteMode.CREATE_NEW, DEFAULT_TEMP_RENAME);
  }

  /** Create or replace the file. */
  public static WriteOptions replace() {
    return new WriteOptions(WriteMode.REPLACE, DEFAULT_TEMP_RENAME);
  }

  /** Append to the file, creating it if missing. */
  public static WriteOptions append() {
    return new WriteOptions(WriteMode.APPEND, false);
  }

  /** Returns a copy with {@code tempRename} set. */
  public WriteOptions withTempRename(boolean value) {
    return new WriteOptions(mode, value);
  }
}
