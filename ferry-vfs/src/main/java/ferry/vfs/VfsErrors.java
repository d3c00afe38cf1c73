package ferry.vfs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Builds the {@code java.nio.file} exceptions that {@link Vfs} throws, keeping the cause. */
public final class VfsErrors {
  private VfsErrors() {}

  /** Sets {@code cause} on {@code e} and returns it. */
  public static <T extends IOException> T withCause(T e, Throwable cause) {
    if (cause != null && cause != e) {
      e.initCause(cause);
    }
    return e;
  }

  /** {@code where} does not exist. */
  public static NoSuchFileException noSuchFile(String where, Throwable cause) {
    return withCause(new NoSuchFileException(where), cause);
  }

  /** Access to {@code where} was refused, for {@code reason}. */
  public static AccessDeniedException accessDenied(String where, String reason, Throwable cause) {
    return withCause(new AccessDeniedException(where, null, reason), cause);
  }

  /** Something already exists at {@code where}. */
  public static FileAlreadyExistsException alreadyExists(String where, Throwable cause) {
    return withCause(new FileAlreadyExistsException(where), cause);
  }

  /** {@code where} is a directory with entries. */
  public static DirectoryNotEmptyException notEmpty(String where, Throwable cause) {
    return withCause(new DirectoryNotEmptyException(where), cause);
  }

  /** {@code where} is not a directory. */
  public static NotDirectoryException notDirectory(String where, Throwable cause) {
    return withCause(new NotDirectoryException(where), cause);
  }

  /** {@code where} is a directory where a file was expected. */
  public static FileSystemException isDirectory(String where) {
    return new FileSystemException(where, null, "is a directory");
  }

  /**
   * Returns an exception of the same kind as {@code e} naming {@code where} instead of the path in
   * {@code e}, with {@code e} as the cause.
   */
  public static FileSystemException retarget(FileSystemException e, String where) {
    FileSystemException out =
        switch (e) {
          case NoSuchFileException x -> new NoSuchFileException(where, null, x.getReason());
          case AccessDeniedException x -> new AccessDeniedException(where, null, x.getReason());
          case FileAlreadyExistsException x ->
              new FileAlreadyExistsException(where, null, x.getReason());
          case DirectoryNotEmptyException x -> new DirectoryNotEmptyException(where);
          case NotDirectoryException x -> new NotDirectoryException(where);
          default -> new FileSystemException(where, null, e.getReason());
        };
    return withCause(out, e);
  }
}
