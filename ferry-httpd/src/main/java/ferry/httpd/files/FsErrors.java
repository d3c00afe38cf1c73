package ferry.httpd.files;

import ferry.core.error.ConflictException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.ValidationException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The file core's {@code java.nio.file} errors as the statuses of the reference API: denied 403,
 * missing 404, existing 409, a wrong kind of file 400. Anything else stays an I/O failure.
 */
public final class FsErrors {
  private FsErrors() {}

  /** An I/O action of a route. */
  public interface Action<T> {
    T run() throws IOException;
  }

  /** Runs {@code action}, translating the core's file errors. */
  public static <T> T call(Action<T> action) throws IOException {
    try {
      return action.run();
    } catch (FileSystemException e) {
      throw translate(e);
    }
  }

  /** The API exception for {@code e}; {@code e} itself when it is no client's mistake. */
  public static RuntimeException translate(FileSystemException e) throws IOException {
    String message = message(e);
    return switch (e) {
      case AccessDeniedException x -> new PermissionDeniedException(message);
      case NoSuchFileException x -> new NotFoundException(message);
      case FileAlreadyExistsException x -> new ConflictException(message);
      case DirectoryNotEmptyException x -> new ConflictException(message);
      case NotDirectoryException x -> new ValidationException(message);
      // the core's own refusals ("is a directory", "cannot be copied into itself") are plain ones
      default -> {
        if (e.getClass() == FileSystemException.class && e.getReason() != null)
          yield new ValidationException(message);
        throw e;
      }
    };
  }

  private static String message(FileSystemException e) {
    String what = switch (e) {
      case AccessDeniedException x -> "permission denied";
      case NoSuchFileException x -> "no such file or directory";
      case FileAlreadyExistsException x -> "already exists";
      case DirectoryNotEmptyException x -> "directory not empty";
      case NotDirectoryException x -> "not a directory";
      default -> "failed";
    };
    String reason = e.getReason() != null && !e.getReason().isBlank() ? e.getReason() : what;
    String file = e.getFile() == null ? "" : clean(e.getFile());
    String other = e.getOtherFile() == null ? "" : " -> " + clean(e.getOtherFile());
    return file.isEmpty() ? reason : file + other + ": " + reason;
  }

  /** A path as the client may see it: no control characters, at most 512 characters. */
  public static String clean(String path) {
    String c = path.replaceAll("[\\x00-\\x1f\\x7f-\\x9f]", "?");
    return c.length() <= 512 ? c : c.substring(0, 512) + "...";
  }
}
