package ferry.vfs;

/** Optional features a backend may have; ask {@link Vfs#supports(Capability)}. */
public enum Capability {
  /** {@link Upload#commit()} makes the complete file appear at once under its final name. */
  ATOMIC_UPLOAD,
  /** {@link WriteMode#APPEND} continues an existing file (resume). */
  RESUME_UPLOAD,
  /** {@link Vfs#rename} runs on the server without moving the bytes through Ferry. */
  SERVER_SIDE_RENAME,
  /** {@link Vfs#rename} is a single atomic step (no copy and delete). */
  ATOMIC_RENAME,
  /** {@link Vfs#rename} also moves non-empty directories. */
  RENAME_DIRECTORY,
  /** The backend stores POSIX permission bits. */
  POSIX_PERMISSIONS,
  /** {@link Vfs#setModified} keeps a file's or directory's modification time. */
  SET_TIMES,
  /** Directories are real objects with their own modification time (not emulated prefixes). */
  REAL_DIRECTORIES
}
