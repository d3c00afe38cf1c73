package ferry.script;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One file a script copied, moved, uploaded or downloaded, reported through {@link
 * ScriptHost#transferred(TransferRecord)} whether it succeeded or not.
 *
 * @param srcVfs the VFS Library name of the source, or {@link #LOCAL} for a server directory
 * @param srcPath the source path inside {@code srcVfs} (an absolute local path for {@link #LOCAL})
 * @param dstVfs the VFS Library name of the target, or {@link #LOCAL}
 * @param dstPath the target path inside {@code dstVfs}
 * @param bytes bytes transferred (for a failed transfer, the count before the failure)
 * @param duration time spent on this file
 * @param sha256 lowercase hex SHA-256 of the content, {@code ""} unless it arrived complete
 * @param ok true if the file arrived complete under its final name
 * @param error what went wrong, {@code ""} when {@code ok}
 */
public record TransferRecord(
    String srcVfs,
    String srcPath,
    String dstVfs,
    String dstPath,
    long bytes,
    Duration duration,
    String sha256,
    boolean ok,
    String error) {
  /** The name of the local side of {@code Download} and {@code Upload}. */
  public static final String LOCAL = "local";

  /** Checks that every part is present and that only a failed transfer has an error. */
  public TransferRecord {
    requireNonNull(srcVfs, "No source vfs");
    requireNonNull(srcPath, "No source path");
    requireNonNull(dstVfs, "No target vfs");
    requireNonNull(dstPath, "No target path");
    requireNonNull(duration, "No duration");
    requireNonNull(sha256, "No sha256");
    requireNonNull(error, "No error");
    if (bytes < 0) {
      throw new IllegalArgumentException("Negative byte count " + bytes);
    }
    if (ok != error.isEmpty()) {
      throw new IllegalArgumentException("error must be empty exactly when ok");
    }
  }
}
