package ferry.core.session;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a file as it passes through a transfer front to back, for its record and log
 * line (issue 11). Bytes that arrive anywhere but right after the previous ones (a resumed upload,
 * a client that seeks) leave it without a sum: a hash of part of a file would mislead.
 */
final class WholeFileDigest {
  private final MessageDigest sha256;
  private long next; // where the next bytes must start; -1 once they did not
  private String hex; // once summed, the file is done

  WholeFileDigest(long start) {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
    next = start == 0 ? 0 : -1;
  }

  /** Adds {@code bytes} (left unread) that start at {@code offset} of the file. */
  void add(long offset, ByteBuffer bytes) {
    if (take(offset, bytes.remaining())) {
      sha256.update(bytes.duplicate());
    }
  }

  /** Adds {@code len} bytes of {@code buf} that start at {@code offset} of the file. */
  void add(long offset, byte[] buf, int off, int len) {
    if (take(offset, len)) {
      sha256.update(buf, off, len);
    }
  }

  private boolean take(long offset, int len) {
    if (hex != null) {
      return false;
    }
    if (next < 0 || offset != next) {
      next = -1;
      return false;
    }
    next += len;
    return true;
  }

  /**
   * The hex SHA-256 if bytes 0 to at least {@code size} all went through in order, else null. The
   * first sum ends the digest: later bytes are not added and later calls return the same sum.
   */
  String hexIfWhole(long size) {
    if (hex == null && next >= size) {
      hex = HexFormat.of().formatHex(sha256.digest());
    }
    return hex;
  }
}
