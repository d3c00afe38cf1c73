package ferry.core.transfer;

import ferry.core.error.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a tracked transfer stands (contract 13, "Transfers"): an agent's transfer starts {@link
 * #PENDING}, runs, and ends {@link #COMPLETED}, {@link #FAILED} or {@link #CANCELLED}; the
 * server's own transfers are stored already ended.
 */
public enum TransferStatus {
  PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

  /** The name on the wire and in the database, e.g. {@code running}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wire();
  }

  public boolean isFinished() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** The statuses this one may move to; staying is always allowed (a progress update). */
  Set<TransferStatus> next() {
    return switch (this) {
      case PENDING -> Set.of(RUNNING, FAILED, CANCELLED);
      case RUNNING -> Set.of(COMPLETED, FAILED, CANCELLED);
      case COMPLETED, FAILED, CANCELLED -> Set.of();
    };
  }

  /** Whether a transfer in this status may be set to {@code to}. */
  public boolean canBecome(TransferStatus to) {
    return to == this || next().contains(to);
  }

  /**
   * The status named {@code value}.
   *
   * @param field the request field it came from, for {@code details.field}
   * @throws ValidationException for an unknown name
   */
  public static TransferStatus parse(String value, String field) {
    for (TransferStatus s : values()) {
      if (s.wire().equals(value)) return s;
    }
    throw new ValidationException(field + " must be one of "
        + String.join(", ", Arrays.stream(values()).map(TransferStatus::wire).toList()) + ", got " + value,
        Map.of("field", field));
  }
}
