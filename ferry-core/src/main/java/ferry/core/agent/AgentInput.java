package ferry.core.agent;

import ferry.core.Validation;
import ferry.core.error.ValidationException;
import java.util.Map;

/** Checks of what agents and callers send; every refusal names its field. */
final class AgentInput {
  static final int MAX_NAME = 100;
  static final int MAX_HOSTNAME = 255;
  static final int MAX_OS = 50;
  static final int MAX_VERSION = 50;
  static final int MAX_HEARTBEAT_INTERVAL = 86_400;

  private AgentInput() {}

  static NewAgent check(NewAgent a) {
    String name = text("name", a.name(), MAX_NAME, true);
    return new NewAgent(name, text("hostname", a.hostname(), MAX_HOSTNAME, false),
        text("os", a.os(), MAX_OS, false), text("version", a.version(), MAX_VERSION, false),
        interval(a.heartbeatInterval()));
  }

  static Heartbeat check(Heartbeat h) {
    if (h.load() != null && !(h.load() >= 0)) throw invalid("load", "load must be 0 or more, got " + h.load());
    if (h.memory() != null && h.memory() < 0) throw invalid("memory", "memory must be 0 or more, got " + h.memory());
    return new Heartbeat(h.load(), h.memory(), text("version", h.version(), MAX_VERSION, false),
        interval(h.heartbeatInterval()));
  }

  private static Integer interval(Integer seconds) {
    if (seconds != null && (seconds < 1 || seconds > MAX_HEARTBEAT_INTERVAL))
      throw invalid("heartbeatInterval", "heartbeatInterval must be between 1 and " + MAX_HEARTBEAT_INTERVAL
          + " seconds, got " + seconds);
    return seconds;
  }

  private static String text(String field, String value, int max, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) throw invalid(field, field + " is required");
      return null;
    }
    if (Validation.firstControlCharacter(value) >= 0) throw invalid(field, field + " must not contain control characters");
    String v = value.trim();
    if (v.length() > max) throw invalid(field, field + " must be at most " + max + " characters");
    return v;
  }

  static ValidationException invalid(String field, String message) {
    return new ValidationException(message, Map.of("field", field));
  }
}
