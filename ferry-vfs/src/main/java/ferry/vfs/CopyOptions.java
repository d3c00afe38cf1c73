package ferry.vfs;

import static java.util.Objects.requireNonNull;

/**
 * Settings of a {@link VfsCopier}.
 *
 * @param overwrite what to do with existing target files
 * @param tempRename upload under a temporary name and rename on success (see {@link
 *     WriteOptions#tempRename()})
 * @param bufferSize bytes read and written per step, from {@link #MIN_BUFFER_SIZE} to {@link
 *     #MAX_BUFFER_SIZE}; one buffer per running copy is all the memory the copier holds
 */
public record CopyOptions(OverwritePolicy overwrite, boolean tempRename, int bufferSize) {
  public static final OverwritePolicy DEFAULT_OVERWRITE = OverwritePolicy.ALWAYS;
  public static final int DEFAULT_BUFFER_SIZE = 512 * 1024;
  public static final int MIN_BUFFER_SIZE = 4 * 1024;
  public static final int MAX_BUFFER_SIZE = 16 * 1024 * 1024;

  public CopyOptions {
    requireNonNull(overwrite, "No overwrite policy");
    if (bufferSize < MIN_BUFFER_SIZE || bufferSize > MAX_BUFFER_SIZE) {
      throw new IllegalArgumentException(
          "buffer_size must be between "
              + MIN_BUFFER_SIZE
              + " and "
              + MAX_BUFFER_SIZE
              + ", not "
              + bufferSize);
    }
  }

  /** Overwrite always, temporary name on, 512 KiB buffer. */
  public static CopyOptions defaults() {
    return new CopyOptions(
        DEFAULT_OVERWRITE, WriteOptions.DEFAULT_TEMP_RENAME, DEFAULT_BUFFER_SIZE);
  }

  /** Returns a copy with another overwrite policy. */
  public CopyOptions withOverwrite(OverwritePolicy policy) {
    return new CopyOptions(policy, tempRename, bufferSize);
  }

  /** Returns a copy with the temporary-name upload switched on or off. */
  public CopyOptions withTempRename(boolean value) {
    return new CopyOptions(overwrite, value, bufferSize);
  }

  /** Returns a copy with another buffer size. */
  public CopyOptions withBufferSize(int bytes) {
    return new CopyOptions(overwrite, tempRename, bytes);
  }
}
