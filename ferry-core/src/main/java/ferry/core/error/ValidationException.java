package ferry.core.error;

import java.util.Map;

/** Input that breaks a rule; {@code details} carries machine-readable hints such as line and column. */
public final class ValidationException extends FerryException {
  private final Map<String, Object> details;

  public ValidationException(String message) {
    this(message, Map.of());
  }

  public ValidationException(String message, Map<String, Object> details) {
    super(message);
    this.details = Map.copyOf(details);
  }

  public Map<String, Object> details() {
    return details;
  }
}
