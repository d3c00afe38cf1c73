package ferry.script;

import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsErrors;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns VFS failures into the one-line messages scripts see in {@code ErrorMsg()}: the VFS name,
 * the path and the cause, e.g. {@code archive-s3: /in/report.csv: no such file}. Backend endpoints
 * (which may carry user names and hosts) are replaced by the library name.
 */
final class VfsErrorText {
  /** The message of a copy, move, download or upload that the run's stop cut short. */
  static final String STOPPED = "cancelled: the script was stopped";

  // VfsCopier reports a failed file as "SimpleClassName: message".
  private static final Pattern CLASS_PREFIX =
      Pattern.compile("^[A-Za-z_$][A-Za-z0-9_$]*(Exception|Error): ");

  private VfsErrorText() {}

  /**
   * Returns an exception of the same kind as {@code e} whose message starts with {@code label} and
   * the path instead of the backend's endpoint, keeping {@code e} as the cause.
   *
   * @param e what the backend threw
   * @param backend the backend, whose endpoint is replaced
   * @param label {@code "name: "} for a library entry, {@code "local: /dir"} for a local directory
   * @param path the path the failed call was about; the exception's own path wins when it has one
   */
  static IOException translate(IOException e, Vfs backend, String label, VPath path) {
    if (e instanceof InterruptedIOException) {
      return e;
    }
    String where = label + path;
    if (e instanceof FileSystemException fse) {
      String file = fse.getFile();
      if (file != null && file.startsWith(backend.endpoint())) {
        where = label + file.substring(backend.endpoint().length());
      }
      String reason = fse.getReason();
      return VfsErrors.withCause(
          switch (fse) {
            case NoSuchFileException x ->
                new NoSuchFileException(where, null, or(reason, "no such file"));
            case AccessDeniedException x ->
                new AccessDeniedException(where, null, or(reason, "access denied"));
            case FileAlreadyExistsException x ->
                new FileAlreadyExistsException(where, null, or(reason, "already exists"));
            case DirectoryNotEmptyException x ->
                new FileSystemException(where, null, "directory not empty");
            case NotDirectoryException x -> new FileSystemException(where, null, "not a directory");
            default ->
                new FileSystemException(
                    where, null, or(reason, "failed (" + fse.getClass().getSimpleName() + ")"));
          },
          e);
    }
    String message = cause(e).replace(backend.endpoint(), label);
    return new IOException(message.startsWith(label) ? message : where + ": " + message, e);
  }

  /** Returns the script-facing text of a failure that {@link ScriptVfs} already translated. */
  static String message(Exception e) {
    if (e instanceof FileSystemException || e instanceof InterruptedIOException) {
      return e.getMessage();
    }
    return e instanceof IOException && e.getMessage() != null ? e.getMessage() : cause(e);
  }

  /** Returns the error of a {@link ferry.vfs.CopyResult} without the exception class name. */
  static String copyError(String error) {
    String message = CLASS_PREFIX.matcher(error).replaceFirst("");
    return message.isBlank() ? error : message;
  }

  /** Returns why {@code VirtualFSByName(name)} failed, starting with the name. */
  static String openFailure(String name, Exception e) {
    String text;
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      text = fse.getReason();
    } else if (e instanceof NoSuchFileException) {
      text = "no VFS named '" + name + "' in the VFS Library";
    } else {
      text = cause(e);
    }
    return text.startsWith(name + ": ") ? text : name + ": " + text;
  }

  /** Returns the most telling message of {@code failure} and its causes. */
  static String cause(Throwable failure) {
    String message = "";
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException c && lower(c.getMessage()).contains("refused")) {
        return "connection refused";
      }
      if (t instanceof UnknownHostException u) {
        return "unknown host " + u.getMessage();
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message.isEmpty() ? failure.getClass().getSimpleName() : message;
  }

  private static String or(String reason, String fallback) {
    return reason == null || reason.isBlank() ? fallback : reason;
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
