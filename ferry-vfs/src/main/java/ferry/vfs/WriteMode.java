package ferry.vfs;

/** What {@link Vfs#openWrite} does when the target exists. */
public enum WriteMode {
  /** Fail with {@link java.nio.file.FileAlreadyExistsException} if the target exists. */
  CREATE_NEW,
  /** Replace an existing file when the upload is committed. */
  REPLACE,
  /**
   * Continue an existing file from its current end, or create it (resume). Needs {@link
   * Capability#RESUME_UPLOAD}. Writes go to the file itself, so bytes written before an abort stay,
   * which is what makes a later resume possible.
   */
  APPEND
}
