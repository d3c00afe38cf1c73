package ferry.core.job;

import ferry.core.error.ValidationException;
import java.util.Locale;

/** queued -> running -> completed | failed | cancelled | interrupted. */
public enum JobStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  INTERRUPTED;

  public boolean isFinal() {
    return this != QUEUED && this != RUNNING;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobStatus parse(String s) {
    for (JobStatus v : values()) if (v.wire().equalsIgnoreCase(s)) return v;
    throw new ValidationException(
        "status must be one of queued, running, completed, failed, cancelled, interrupted; got '" + s + "'");
  }
}
