package ferry.script;

import ferry.vfs.Vfs;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a running script may ask of the server. The job worker implements it per run.
 *
 * <p>{@link #secret} and {@link #log} are called on the thread that runs the script; they should
 * not block for long, since a blocked call delays cancellation of the script. The VFS methods
 * ({@link #openVfs}, {@link #transferred}, {@link #localDirs}) are called on a VFS worker thread
 * while the script thread waits for it, so they may block; they do not overlap with other calls of
 * the same run, except that a worker the run's stop could not end within a few seconds may still
 * report its transfer after the run returned.
 */
public interface ScriptHost {
  /**
   * Looks up a secret for {@code GetSecret(name)}.
   *
   * @param name the secret name as the script wrote it (case-sensitive)
   * @return the plaintext, or empty when there is no such secret; the script then sees {@code ""}
   */
  Optional<String> secret(String name);

  /**
   * Appends one line to the job log. The engine has already applied the line-count and line-length
   * caps of {@link ScriptConfig}.
   *
   * @param level severity
   * @param message the line, never {@code null}
   */
  void log(LogLevel level, String message);

  /**
   * Opens the VFS Library entry {@code name} for {@code VirtualFSByName(name)}. The runtime calls
   * it at most once per name and run while it succeeds, owns the returned {@link Vfs} and closes it
   * when the run ends (also on cancel, time-out and {@code Exit}); return a wrapper with a no-op
   * {@code close()} to hand out a shared instance. The default knows no VFS at all.
   *
   * @param name the entry name as the script wrote it
   * @return the opened file system, ready for use
   * @throws NoSuchFileException if the library has no entry {@code name}; its reason is shown to
   *     the script
   * @throws IOException if the entry exists but cannot be opened (e.g. connection refused); the
   *     script sees {@code name: } followed by the message of the deepest cause
   */
  default Vfs openVfs(String name) throws IOException {
    throw new NoSuchFileException(name, null, "no VFS named '" + name + "' in the VFS Library");
  }

  /**
   * Records one file a script copied, moved, uploaded or downloaded, successful or not: exactly one
   * call per file the runtime started to transfer. Files an overwrite policy skipped are not
   * reported. The default does nothing. Exceptions thrown here are logged and do not fail the
   * transfer.
   *
   * @param record what was transferred, how much, and how it ended
   */
  default void transferred(TransferRecord record) {}

  /**
   * Returns the server directories that {@code Download} and {@code Upload} may read and write,
   * with their subdirectories. The default is none, which refuses both with a message naming the
   * setting {@code ferry serve --local-dir DIR}.
   *
   * @return absolute directories; entries that do not exist are ignored
   */
  default List<Path> localDirs() {
    return List.of();
  }
}
