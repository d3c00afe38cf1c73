package ferry.core.agent;

import ferry.core.error.ValidationException;
import java.util.Locale;
import java.util.Map;

/** Whether an agent has sent a sign of life within its window. */
public enum AgentStatus {
  ONLINE,
  OFFLINE;

  /** The JSON form: {@code online} or {@code offline}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status named {@code value} ({@code online}, {@code offline}).
   *
   * @throws ValidationException naming {@code field} for anything else
   */
  public static AgentStatus of(String field, String value) {
    for (AgentStatus s : values()) {
      if (s.wire().equals(value)) return s;
    }
    throw new ValidationException(field + " must be online or offline, got " + value, Map.of("field", field));
  }
}
