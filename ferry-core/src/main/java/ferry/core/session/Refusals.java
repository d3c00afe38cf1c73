package ferry.core.session;

import ferry.core.error.FerryException;
import ferry.core.error.QuotaExceededException;
import ferry.vfs.VPath;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * What a session refused, on record for the operator (issue 11): a transfer that did not start is a
 * failed transfer record with the reason the client got, so the transfer log and its log line show
 * it; a refused directory or rename operation is a warning line on {@code ferry.session}.
 */
final class Refusals {
  private static final Logger SESSION = LoggerFactory.getLogger("ferry.session");
  /** Longest path a refused record keeps: the client chose it, and nothing stored it yet. */
  static final int MAX_PATH_CHARS = 1024;

  private Refusals() {}

  /** A session operation that starts a transfer. */
  interface Start<T> {
    T run() throws IOException;
  }

  /** Starts a transfer; when it fails to start, records it as failed before rethrowing. */
  static <T> T transfer(VfsFileSession session, String direction, String path, Start<T> start)
      throws IOException {
    try {
      return start.run();
    } catch (IOException | FerryException e) {
      String shown = shown(normalized(path));
      Instant now = session.clock().instant();
      session.transferLog().write(SessionTransfer.record(session, direction, session.labelOf(path), shown, 0,
          Duration.ZERO, null, false, reason(e), now));
      throw e;
    }
  }

  /** Runs a directory, delete or rename operation; a refusal (permission, quota) is logged as a warning. */
  static void operation(VfsFileSession session, String operation, String path, String target,
      VirtualErrors.Action action) throws IOException {
    try {
      action.run();
    } catch (AccessDeniedException | QuotaExceededException e) {
      String shownPath = shown(normalized(path));
      String shownTarget = target == null ? null : shown(normalized(target));
      String paths = target == null ? shownPath : shownPath + " -> " + shownTarget;
      LoggingEventBuilder line = SESSION.atWarn()
          .setMessage(operation + " refused " + session.user().username() + "@" + session.remoteAddr() + " "
              + session.protocol() + " " + paths + ": " + reason(e))
          .addKeyValue("event", "refused")
          .addKeyValue("operation", operation)
          .addKeyValue("user", session.user().username())
          .addKeyValue("protocol", session.protocol())
          .addKeyValue("path", shownPath);
      if (shownTarget != null) {
        line = line.addKeyValue("target", shownTarget);
      }
      line.addKeyValue("error", reason(e))
          .addKeyValue("remote_addr", session.remoteAddr())
          .addKeyValue("conn_id", session.id())
          .log();
      throw e;
    }
  }

  /** What went wrong, in the words the client got, without the path the record holds already. */
  static String reason(Exception e) {
    return switch (e) {
      case FileSystemException x when x.getReason() != null -> x.getReason();
      case NoSuchFileException x -> "no such file";
      case FileAlreadyExistsException x -> "file already exists";
      case DirectoryNotEmptyException x -> "directory not empty";
      case NotDirectoryException x -> "not a directory";
      case AccessDeniedException x -> "permission denied";
      default -> e.getMessage() == null ? e.toString() : e.getMessage();
    };
  }

  private static String normalized(String path) {
    try {
      return VPath.of(path).toString();
    } catch (IllegalArgumentException e) {
      return path; // e.g. a NUL: shown() masks it
    }
  }

  /**
   * {@code path} as records and log lines show it: control characters (a NUL, a line break, an
   * escape) as '?', and at most {@link #MAX_PATH_CHARS} characters.
   */
  static String shown(String path) {
    String clean = path.replaceAll("[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]", "?");
    return clean.length() <= MAX_PATH_CHARS ? clean : clean.substring(0, MAX_PATH_CHARS) + "...";
  }
}
