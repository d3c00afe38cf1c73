package ferry.core.job;

import java.util.Locale;

/** What started a job. */
public enum JobTrigger {
  API,
  CLI,
  SCHEDULE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobTrigger parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
