package ferry.httpd.files.share;

import ferry.core.error.ConflictException;
import ferry.core.error.FerryException;
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

/** The file session's {@code java.nio.file} errors as the API's statuses; other I/O errors stay what they are. */
final class FsErrors {
  private FsErrors() {}

  /** Runs {@code work}, answering a client's mistake (missing file, denied permission) with its 4xx. */
  static <T> T on(IoWork<T> work) throws IOException {
    try {
      return work.run();
    } catch (FileSystemException e) {
      FerryException f = translate(e);
      if (f == null) throw e;
      throw f;
    }
  }

  /** The API error for {@code e}, or null for a fault of the storage (a 500). */
  static FerryException translate(FileSystemException e) {
    String file = e.getFile() == null ? "" : e.getFile();
    return switch (e) {
      case NoSuchFileException n -> new NotFoundException(file + " does not exist");
      case AccessDeniedException a ->
          new PermissionDeniedException(e.getReason() != null ? e.getReason() : "permission denied on " + file);
      case FileAlreadyExistsException f -> new ConflictException(file + " already exists");
      case DirectoryNotEmptyException d -> new ConflictException(file + " is not empty");
      case NotDirectoryException n -> new ValidationException(file + " is not a directory");
      default -> null;
    };
  }

  @FunctionalInterface
  interface IoWork<T> {
    T run() throws IOException;
  }
}
