package ferry.core.session;

/**
 * What an upload does with the file already at its path. The session alone decides what a mode
 * allows (issue 12); a front end only translates its own flags, e.g. SFTP's open flags:
 *
 * <ul>
 *   <li>CREAT|TRUNC: {@link #REPLACE}; CREAT|EXCL: {@link #CREATE_NEW}; TRUNC alone: {@link
 *       #MUST_EXIST};
 *   <li>no TRUNC (a client about to resume, or to write in place): {@link #OPEN} with CREAT,
 *       {@link #OPEN_EXISTING} without.
 * </ul>
 *
 * <p>Every mode needs {@code upload} and a name the patterns allow; any mode that writes over an
 * existing file needs {@code overwrite} too. A directory at the path is refused in every mode.
 */
public sealed interface UploadMode {
  /** Creates the file or replaces it (needs {@code overwrite} if it exists). */
  UploadMode REPLACE = new Replace();

  /**
   * Creates the file; fails with {@link java.nio.file.FileAlreadyExistsException} if it exists
   * when the upload starts or appears before it is published.
   */
  UploadMode CREATE_NEW = new CreateNew();

  /** Replaces an existing file; fails with {@link java.nio.file.NoSuchFileException} if it is missing. */
  UploadMode MUST_EXIST = new MustExist();

  /**
   * Opens the file without truncating it: nothing changes until the first write, whose offset
   * decides as {@link #resumeAt} does (0 rewrites the file, its current size continues it). A
   * missing or empty file is written anew at once, as {@link #REPLACE} does.
   */
  UploadMode OPEN = new Open(true);

  /** As {@link #OPEN}, but a missing file is a {@link java.nio.file.NoSuchFileException}. */
  UploadMode OPEN_EXISTING = new Open(false);

  /** Continues the file at its current end; a missing or empty file is written anew. */
  static UploadMode resumeAtEnd() {
    return new Resume(Resume.AT_END);
  }

  /**
   * Continues the file at {@code offset}. Legal offsets are exactly two: the file's current size
   * (appends; needs the storage's resume capability unless the file is missing or empty) and 0
   * (writes the file anew, as {@link #REPLACE} does). Storage cannot cut a file short, and a gap
   * cannot be written, so any other offset fails with an {@link UploadOffsetException}.
   */
  static UploadMode resumeAt(long offset) {
    return new Resume(offset);
  }

  /** See {@link #REPLACE}. */
  record Replace() implements UploadMode {}

  /** See {@link #CREATE_NEW}. */
  record CreateNew() implements UploadMode {}

  /** See {@link #MUST_EXIST}. */
  record MustExist() implements UploadMode {}

  /**
   * See {@link #resumeAt} and {@link #resumeAtEnd()}.
   *
   * @param offset where the first byte goes, or {@link #AT_END} for the current size
   */
  record Resume(long offset) implements UploadMode {
    /** The offset that means "wherever the file ends now". */
    public static final long AT_END = -1;

    public boolean atEnd() {
      return offset == AT_END;
    }
  }

  /**
   * See {@link #OPEN} and {@link #OPEN_EXISTING}.
   *
   * @param create whether a missing file may be created
   */
  record Open(boolean create) implements UploadMode {}
}
