package ferry.core.transfer;

import ferry.core.error.ValidationException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The public ids of transfers: UUID strings, lower case. New ones are time-ordered (UUID version
 * 7) so that the index of a table written in bursts grows at its end, and they cost no
 * SecureRandom on the file servers' hot path (bench/sftp). Rows stored before issue 13 got
 * {@code 00000000-0000-0000-0000-<row number>} in migration V13.
 */
public final class TransferIds {
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private TransferIds() {}

  /** A new id. */
  public static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (System.currentTimeMillis() << 16) | 0x7000L | (r.nextInt() & 0x0FFFL);
    long lsb = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }

  /** {@code text} as a stored id, or empty when it cannot be one (a path id that matches nothing). */
  public static Optional<String> normalize(String text) {
    return text != null && UUID_TEXT.matcher(text).matches()
        ? Optional.of(text.toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /**
   * A client's id for a new transfer.
   *
   * @throws ValidationException naming {@code field} when it is not a UUID
   */
  public static String parse(String text, String field) {
    return normalize(text).orElseThrow(() -> new ValidationException(
        field + " must be a UUID such as 3f2b9c1e-8a4d-4e2f-9b1a-0c6d5e7f8a9b, got " + text, Map.of("field", field)));
  }
}
