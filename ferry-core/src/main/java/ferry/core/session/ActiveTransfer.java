package ferry.core.session;

import java.time.Instant;

/**
 * A transfer in progress on a live connection.
 *
 * @param path the virtual path
 * @param direction {@code upload} or {@code download}
 * @param bytes bytes moved so far
 * @param startedAt when it started
 * @param size the size the whole transfer has, or -1 when unknown (an SFTP upload announces none)
 * @param lastMovedAt when bytes last moved (its start until the first)
 */
public record ActiveTransfer(String path, String direction, long bytes, Instant startedAt, long size,
    Instant lastMovedAt) {
  public ActiveTransfer {
    lastMovedAt = lastMovedAt == null ? startedAt : lastMovedAt;
  }

  /** Without size and last move (unknown). */
  public ActiveTransfer(String path, String direction, long bytes, Instant startedAt) {
    this(path, direction, bytes, startedAt, -1, startedAt);
  }

  /** How much of the whole has moved, 0 to 100, or -1 when the size is unknown. */
  public int percent() {
    if (size <= 0) return -1;
    return (int) Math.min(100, bytes * 100 / size);
  }
}
