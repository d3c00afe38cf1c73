package ferry.core;

import ferry.core.error.ValidationException;
import java.time.Instant;

/**
 * Input checks every service shares (issue 10): names free of control characters, which would end
 * up in logs, file names and terminals; expiry dates within bounds both databases and every client
 * can hold.
 */
public final class Validation {
  /** The earliest expiry date accepted; anything before is a client bug, not a date. */
  public static final Instant EARLIEST_EXPIRY = Instant.parse("2000-01-01T00:00:00Z");

  /** The latest expiry date accepted: the end of year 9999. */
  public static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

  private Validation() {}

  /**
   * Refuses a value holding a control character (NUL, tab, newline, DEL, C1 controls).
   *
   * @return {@code value}, unchanged (null passes)
   * @throws ValidationException naming {@code field}
   */
  public static String noControlCharacters(String field, String value) {
    int i = firstControlCharacter(value);
    if (i >= 0) {
      throw new ValidationException(field + " must not contain control characters, got U+"
          + String.format("%04X", (int) value.charAt(i)) + " at position " + i);
    }
    return value;
  }

  /** The index of the first control character (NUL, tab, newline, DEL, C1) in {@code value}, or -1. */
  public static int firstControlCharacter(String value) {
    if (value != null) {
      for (int i = 0; i < value.length(); i++) {
        if (Character.isISOControl(value.charAt(i))) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Refuses an expiry date outside {@link #EARLIEST_EXPIRY} .. {@link #LATEST_EXPIRY}.
   *
   * @return {@code expiry} (null, meaning none, passes)
   * @throws ValidationException naming {@code field}
   */
  public static Instant expiry(String field, Instant expiry) {
    if (expiry != null && (expiry.isBefore(EARLIEST_EXPIRY) || expiry.isAfter(LATEST_EXPIRY))) {
      throw new ValidationException(field + " must lie between " + EARLIEST_EXPIRY + " and " + LATEST_EXPIRY
          + ", got " + expiry);
    }
    return expiry;
  }
}
