package ferry.core.session;

import ferry.vfs.VPath;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Renames backend errors to the virtual path the client used, so no storage endpoint, bucket or
 * server directory reaches a client; the backend's exception stays as the cause for the logs.
 */
final class VirtualErrors {
  /** A backend call. */
  interface Call<T> {
    T run() throws IOException;
  }

  /** A backend call without a result. */
  interface Action {
    void run() throws IOException;
  }

  private VirtualErrors() {}

  static <T> T on(VPath path, Call<T> call) throws IOException {
    try {
      return call.run();
    } catch (FileSystemException e) {
      throw translate(e, path);
    }
  }

  static void run(VPath path, Action action) throws IOException {
    try {
      action.run();
    } catch (FileSystemException e) {
      throw translate(e, path);
    }
  }

  static FileSystemException translate(FileSystemException e, VPath path) {
    String v = path.toString();
    FileSystemException out =
        switch (e) {
          case NoSuchFileException x -> new NoSuchFileException(v);
          case AccessDeniedException x -> new AccessDeniedException(v, null, "the storage refused access");
          case FileAlreadyExistsException x -> new FileAlreadyExistsException(v);
          case DirectoryNotEmptyException x -> new DirectoryNotEmptyException(v);
          case NotDirectoryException x -> new NotDirectoryException(v);
          default -> new FileSystemException(v, null, e.getReason());
        };
    out.initCause(e);
    return out;
  }
}
