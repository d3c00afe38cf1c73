package ferry.vfs;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A file tree on some storage backend (local disk, memory, S3, SFTP, FTP), addressed by {@link
 * VPath}. Operations are small and path-based; data moves as streams, never as whole files in
 * memory.
 *
 * <p>Errors use the {@code java.nio.file} vocabulary: {@link NoSuchFileException}, {@link
 * java.nio.file.AccessDeniedException}, {@link java.nio.file.FileAlreadyExistsException}, {@link
 * java.nio.file.DirectoryNotEmptyException}, {@link java.nio.file.NotDirectoryException}, or a
 * plain {@link IOException} for anything else. Each backend translates its client's errors, keeps
 * them as the cause, and names its endpoint and the path in the message.
 *
 * <p>Implementations are safe for use by several threads; the streams, listers and uploads they
 * return are not.
 */
public interface Vfs extends Closeable {
  /** Returns where this file system lives, e.g. {@code sftp://bob@host:22/home}, for messages. */
  String endpoint();

  /**
   * Returns the attributes of a file or directory.
   *
   * @param path the path to look up
   * @return its attributes; the root is always a directory
   * @throws NoSuchFileException if nothing exists there
   * @throws java.nio.file.AccessDeniedException if the backend refuses the lookup
   * @throws IOException on any other failure
   */
  FileAttrs stat(VPath path) throws IOException;

  /**
   * Like {@link #stat} but returns empty instead of throwing {@link NoSuchFileException}.
   *
   * @param path the path to look up
   * @return its attributes, or empty if nothing exists there
   * @throws IOException on any other failure
   */
  default Optional<FileAttrs> find(VPath path) throws IOException {
    try {
      return Optional.of(stat(path));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Opens a batched listing of a directory's entries.
   *
   * @param dir the directory
   * @return a lister the caller must close
   * @throws NoSuchFileException if {@code dir} does not exist
   * @throws java.nio.file.NotDirectoryException if {@code dir} is a file
   * @throws IOException on any other failure
   */
  DirLister list(VPath dir) throws IOException;

  /**
   * The names in a directory, without their attributes: what a listing sorted by name needs before
   * it knows which page to show. Backends whose listing is one stat per entry (local disk) answer
   * without those stats; the default takes the names from {@link #list}.
   *
   * @throws NoSuchFileException if {@code dir} does not exist
   * @throws java.nio.file.NotDirectoryException if {@code dir} is a file
   * @throws IOException on any other failure
   */
  default java.util.List<String> listNames(VPath dir) throws IOException {
    java.util.List<String> names = new java.util.ArrayList<>();
    try (DirLister l = list(dir)) {
      for (java.util.List<FileAttrs> batch; !(batch = l.next(1000)).isEmpty(); )
        for (FileAttrs a : batch) names.add(a.name());
    }
    return names;
  }

  /**
   * Opens a file for streaming read, starting at {@code offset}.
   *
   * @param path the file
   * @param offset the first byte to return, from 0 to the file size (at the size the stream is
   *     empty)
   * @return a stream the caller must close; closing it early releases the connection
   * @throws NoSuchFileException if the file does not exist
   * @throws IOException if {@code path} is a directory, or on any other failure
   */
  InputStream openRead(VPath path, long offset) throws IOException;

  /**
   * Starts writing a file. Nothing appears at {@code path} until {@link Upload#commit()}.
   *
   * @param path the file to write; its parent must be an existing directory
   * @param options the write mode and whether to go through a temporary name
   * @return the upload; close it (after committing) in every case
   * @throws NoSuchFileException if the parent directory does not exist
   * @throws java.nio.file.FileAlreadyExistsException in {@link WriteMode#CREATE_NEW} if {@code
   *     path} exists
   * @throws UnsupportedOperationException for {@link WriteMode#APPEND} without {@link
   *     Capability#RESUME_UPLOAD}
   * @throws IOException if {@code path} is a directory, or on any other failure
   */
  Upload openWrite(VPath path, WriteOptions options) throws IOException;

  /**
   * Creates one directory.
   *
   * @param dir the directory to create; its parent must exist
   * @throws java.nio.file.FileAlreadyExistsException if anything exists at {@code dir}
   * @throws NoSuchFileException if the parent does not exist
   * @throws IOException on any other failure
   */
  void mkdir(VPath dir) throws IOException;

  /**
   * Creates a directory and any missing parents; does nothing if it already exists.
   *
   * @param dir the directory to create
   * @throws java.nio.file.FileAlreadyExistsException if a file is in the way
   * @throws IOException on any other failure
   */
  default void mkdirs(VPath dir) throws IOException {
    Optional<FileAttrs> existing = find(dir);
    if (existing.isPresent()) {
      if (!existing.get().isDir()) {
        throw new FileAlreadyExistsException(
            endpoint() + dir, null, "exists and is not a directory");
      }
      return;
    }
    mkdirs(dir.parentOrRoot());
    try {
      mkdir(dir);
    } catch (FileAlreadyExistsException e) {
      // Lost a race with another creator; fine if what won is a directory.
      if (!stat(dir).isDir()) {
        throw e;
      }
    }
  }

  /**
   * Renames a file or directory.
   *
   * @param from the existing path
   * @param to the new path; its parent must exist
   * @param replace whether an existing file at {@code to} is replaced; directories are never
   *     replaced
   * @throws NoSuchFileException if {@code from} or the parent of {@code to} does not exist
   * @throws java.nio.file.FileAlreadyExistsException if {@code to} exists and may not be replaced
   * @throws IOException if the backend cannot rename this (e.g. a non-empty directory without
   *     {@link Capability#RENAME_DIRECTORY}), or on any other failure
   */
  void rename(VPath from, VPath to, boolean replace) throws IOException;

  /**
   * Renames without replacing: {@code rename(from, to, false)}.
   *
   * @param from the existing path
   * @param to the new path, which must not exist
   * @throws IOException as {@link #rename(VPath, VPath, boolean)}
   */
  default void rename(VPath from, VPath to) throws IOException {
    rename(from, to, false);
  }

  /**
   * Removes a file or an empty directory.
   *
   * @param path the path to remove; never the root
   * @throws NoSuchFileException if nothing exists there
   * @throws java.nio.file.DirectoryNotEmptyException if it is a directory with entries
   * @throws IOException on any other failure
   */
  void remove(VPath path) throws IOException;

  /**
   * Sets the modification time of a file or directory, where {@link Capability#SET_TIMES} says so.
   *
   * @throws NoSuchFileException if nothing exists there
   * @throws UnsupportedOperationException if this backend keeps no settable times
   */
  default void setModified(VPath path, Instant time) throws IOException {
    throw new UnsupportedOperationException(endpoint() + " keeps no settable modification times");
  }

  /** Returns the optional features this backend has. */
  Set<Capability> capabilities();

  /** True if {@link #capabilities()} contains {@code capability}. */
  default boolean supports(Capability capability) {
    return capabilities().contains(capability);
  }

  /** Releases connections and clients; open streams and uploads become unusable. */
  @Override
  void close() throws IOException;
}
