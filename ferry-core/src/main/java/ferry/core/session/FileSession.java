package ferry.core.session;

import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import java.io.Closeable;
import java.io.IOException;

/**
 * One login's view of its user's virtual tree, shared by every front end (SFTP, SCP, the HTTP
 * file API, scripts). Each operation runs: permission, file patterns, quota, resolve the mount and
 * the backend path, backend call; uploads and downloads run as {@link Download}/{@link Upload}
 * transfers that each end with exactly one transfer record.
 *
 * <p>Paths are virtual, absolute or relative to "/", with "/" as separator; "." and ".." are
 * resolved and clamped at "/", so no path ever leaves the user's tree.
 *
 * <p>Errors are {@code java.nio.file} exceptions: {@link java.nio.file.AccessDeniedException}
 * for a missing permission or a denied name (its reason says which), {@link
 * java.nio.file.NoSuchFileException}, {@link java.nio.file.FileAlreadyExistsException}, {@link
 * java.nio.file.DirectoryNotEmptyException}, {@link java.nio.file.NotDirectoryException}; a quota
 * overrun is a {@link ferry.core.error.QuotaExceededException}. Not thread-safe per operation
 * object, but a session may serve several threads.
 */
public interface FileSession extends Closeable {
  /** The connection id, unique on this node, as in logs and the live connection list. */
  String id();

  SessionUser user();

  /** The front end, e.g. {@code SFTP}, {@code SCP}, {@code HTTP}. */
  String protocol();

  /** The client's IP address. */
  String remoteAddr();

  /**
   * True when no operation of this session waits on anything but a local disk: every mount is on
   * local disk, no bandwidth limit paces it, and no quota needs a usage lookup in the database. A
   * front end may then run its operations on its I/O threads instead of handing them to a worker.
   */
  boolean waitsOnlyOnLocalDisk();

  /**
   * Normalizes a client path: resolves it against "/", folds "." and "..", clamps at "/".
   *
   * @return an absolute virtual path without a trailing slash (except "/")
   */
  String normalize(String path);

  /**
   * Returns the attributes of a file or directory. Mount points and their parents are directories.
   *
   * @throws java.nio.file.NoSuchFileException if nothing exists there
   */
  FileAttrs stat(String path) throws IOException;

  /**
   * Lists a directory; mount points below it appear as directories, names hidden by a deny policy
   * do not appear. Needs {@code list}.
   */
  DirLister list(String dir) throws IOException;

  /**
   * The names {@link #list} would show, without their attributes (unsorted): a page sorted by name
   * reads these, then stats only the page's entries. Needs {@code list}.
   */
  default java.util.List<String> listNames(String dir) throws IOException {
    java.util.List<String> names = new java.util.ArrayList<>();
    try (DirLister l = list(dir)) {
      for (java.util.List<ferry.vfs.FileAttrs> batch; !(batch = l.next(1000)).isEmpty(); )
        for (ferry.vfs.FileAttrs a : batch) names.add(a.name());
    }
    return names;
  }

  /**
   * Starts a download. Needs {@code download} and a name the patterns allow.
   *
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   */
  Download download(String path) throws IOException;

  /**
   * Starts a download of the byte range {@code [offset, offset + length)}, cut at the end of the
   * file ({@code Long.MAX_VALUE} reads to the end). Needs what {@link #download(String)} needs. The
   * transfer record counts the bytes actually read, and has a SHA-256 only if the range was the
   * whole file.
   *
   * @param offset the first byte, from 0
   * @param length how many bytes at most, from 1
   * @throws IllegalArgumentException for a negative offset or a length below 1
   * @throws RangeNotSatisfiableException if {@code offset} is at or past the end of the file (any
   *     range of an empty file)
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   */
  Download download(String path, long offset, long length) throws IOException;

  /**
   * Starts an upload. Needs {@code upload} (and {@code overwrite} if the file exists), an allowed
   * name, and room in the quota; what happens to an existing file is the {@code mode}'s to say.
   *
   * @param path the file to write
   * @param mode replace, create-new, must-exist, resume at an offset, or open without truncating
   * @throws java.nio.file.FileAlreadyExistsException for {@link UploadMode#CREATE_NEW} on an
   *     existing file
   * @throws java.nio.file.NoSuchFileException for {@link UploadMode#MUST_EXIST} or {@link
   *     UploadMode#OPEN_EXISTING} on a missing file
   * @throws UploadOffsetException for a resume offset that is neither 0 nor the current size
   * @throws java.nio.file.AccessDeniedException for a missing permission, a denied name, or a
   *     resume the storage cannot do
   */
  Upload upload(String path, UploadMode mode) throws IOException;

  /**
   * Asks, before any byte arrives, whether {@link #upload(String, UploadMode)} with {@link
   * UploadMode#REPLACE} of a file of {@code size} bytes would be allowed: the same permission,
   * name, overwrite and quota checks, and {@code size} against the room the quota and the upload
   * size limit leave. Nothing is written; a refusal is recorded as a refused upload would be.
   *
   * @throws java.nio.file.AccessDeniedException for a missing permission or a denied name
   * @throws ferry.core.error.QuotaExceededException when the file would not fit
   */
  void checkUpload(String path, long size) throws IOException;

  /** Creates a directory. Needs {@code create_dirs}. */
  void mkdir(String dir) throws IOException;

  /** Removes a file (needs {@code delete_files}) or an empty directory ({@code delete_dirs}). */
  void remove(String path) throws IOException;

  /**
   * Renames within one mount. Needs {@code rename_files} or {@code rename_dirs} on both sides, and
   * {@code overwrite} to replace a file.
   *
   * @throws java.nio.file.AccessDeniedException for a mount point or a move between mounts
   */
  void rename(String from, String to, boolean replace) throws IOException;

  /**
   * Sets the modification time of a file or directory ({@code chtimes} in its directory). Storage
   * that keeps no settable times (S3, FTP) accepts it without effect.
   */
  void setModified(String path, java.time.Instant time) throws IOException;

  /** Checks a mode change ({@code chmod} in its directory); storage keeps no modes for users, so nothing changes. */
  void checkModeChange(String path) throws IOException;

  /** Ends the session: aborts open uploads, closes backends, leaves the live connection list. */
  @Override
  void close();

  /**
   * Ends the session as {@link #close()} does, naming why (e.g. "the client disconnected"): the
   * transfers still open are recorded failed with that cause and how far they got.
   */
  void end(String cause);

  /** A file being read. Reopens the backend stream only when the caller seeks. */
  interface Download extends Closeable {
    /** The file's size when the download started. */
    long size();

    /** The first byte of the range (0 for a whole-file download). */
    long offset();

    /**
     * The bytes in the range, cut at the end of the file: {@code size() - offset()} for a
     * whole-file download or a range to the end.
     */
    long length();

    /**
     * The range as a stream from {@link #offset()}, ending after {@link #length()} bytes (a
     * whole-file download reads to the end of file). Closing the stream closes the download.
     */
    default java.io.InputStream stream() {
      return new DownloadStream(this);
    }

    /**
     * Reads up to {@code len} bytes at {@code offset}, filling the buffer up to the end of file
     * (of a range: its last byte). Offsets are the file's, not the range's.
     *
     * @return bytes read, or -1 at the end of file (of a range: past its last byte)
     * @throws IOException for an offset before the range
     */
    int read(long offset, byte[] buf, int off, int len) throws IOException;

    /**
     * Marks the download as cut short: the session ends with it still open (e.g. the client
     * disconnected, or an SCP transfer stopped mid-file). Close then records it failed, with the
     * cause and how far it got. A client closing after reading part of the file is not cut short.
     */
    void abandon(String cause);

    /** Ends the download and writes its transfer record: ok unless it failed or was abandoned. Idempotent. */
    @Override
    void close();
  }

  /** A file being written; nothing appears at its path until {@link #commit()}. */
  interface Upload extends Closeable {
    /**
     * Writes bytes at {@code offset}, which must be the current end (sequential writes only). The
     * first write of an upload opened with {@link UploadMode#OPEN} on a file with bytes may also be
     * at 0, which rewrites the file; any other offset is an {@link UploadOffsetException}.
     *
     * @throws ferry.core.error.QuotaExceededException past the quota or the upload size limit;
     *     the upload is then poisoned and close aborts it
     */
    void write(long offset, java.nio.ByteBuffer src) throws IOException;

    /** The offset where the next byte goes: the file's size for a resumed or only opened file. */
    long position();

    /** Makes the bytes written so far durable (a client's fsync request). */
    default void sync() throws IOException {}

    /** Sets the file's modification time right after {@link #commit()}; {@code chtimes} is checked now. */
    void setModified(java.time.Instant time) throws IOException;

    /** Publishes the file, charges the quota and writes the transfer record. */
    void commit() throws IOException;

    /**
     * Marks the upload as cut short (e.g. the client disconnected): close aborts it and records it
     * failed, with the cause and how far it got.
     */
    void abandon(String cause);

    /** The size the client announced (SCP does), named in the reason if the upload is cut short. */
    void expectSize(long size);

    /** Aborts unless committed, writes the transfer record if not yet written. Idempotent. */
    @Override
    void close();
  }
}
