package ferry.core.session;

import java.nio.file.FileSystemException;

/**
 * A byte range that starts at or past the end of the file (an HTTP face answers 416 with {@code
 * Content-Range: bytes *}{@code /size}). An empty file has no satisfiable range.
 */
public final class RangeNotSatisfiableException extends FileSystemException {
  private final long offset;
  private final long size;

  public RangeNotSatisfiableException(String path, long offset, long size) {
    super(path, null, "range not satisfiable: it starts at byte " + offset + " but the file has " + size + " bytes");
    this.offset = offset;
    this.size = size;
  }

  /** The first byte asked for. */
  public long offset() {
    return offset;
  }

  /** The file's size when the download was to start. */
  public long size() {
    return size;
  }
}
