package ferry.core.schedule;

import ferry.core.error.ValidationException;
import java.util.Locale;
import java.util.Map;

/** Where a run of a scheduled job is: running, then completed or failed; skipped by the misfire policy. */
public enum RunStatus {
  RUNNING,
  COMPLETED,
  FAILED,
  SKIPPED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFinal() {
    return this != RUNNING;
  }

  /** @throws ValidationException naming field {@code status} */
  public static RunStatus parse(String s) {
    for (RunStatus r : values()) if (r.wire().equals(s)) return r;
    throw new ValidationException("status must be running, completed, failed or skipped, got \"" + s + "\"",
        Map.of("field", "status"));
  }
}
