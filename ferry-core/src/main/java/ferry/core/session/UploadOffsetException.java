package ferry.core.session;

import java.nio.file.FileSystemException;

/**
 * An upload asked to start at an offset the file cannot continue from: only 0 (a new file) and
 * the file's current size (resume) are legal, see {@link UploadMode#resumeAt}.
 */
public final class UploadOffsetException extends FileSystemException {
  private final long offset;
  private final long size;

  public UploadOffsetException(String path, long offset, long size) {
    super(path, null, "cannot write at offset " + offset + ": the file has " + size
        + " bytes; an upload starts at 0 or resumes at " + size);
    this.offset = offset;
    this.size = size;
  }

  /** The offset the client asked for. */
  public long offset() {
    return offset;
  }

  /** The file's size when the upload was to start. */
  public long size() {
    return size;
  }
}
