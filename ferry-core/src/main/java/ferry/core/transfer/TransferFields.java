package ferry.core.transfer;

import ferry.core.error.ValidationException;
import java.util.Map;
import java.util.regex.Pattern;

/** The field checks of tracked transfers; every refusal names its field in {@code details.field}. */
final class TransferFields {
  static final int MAX_TEXT = 4000;
  static final int MAX_PROTOCOL = 20;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern PROTOCOL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

  private TransferFields() {}

  static ValidationException invalid(String field, String message) {
    return new ValidationException(message, Map.of("field", field));
  }

  static String required(String field, String value, int max) {
    if (value == null || value.isBlank()) throw invalid(field, field + " is required");
    return optional(field, value, max);
  }

  static String optional(String field, String value, int max) {
    if (value != null && value.length() > max)
      throw invalid(field, field + " must be at most " + max + " characters, got " + value.length());
    return value;
  }

  static Long notNegative(String field, Long value) {
    if (value != null && value < 0) throw invalid(field, field + " must be 0 or more, got " + value);
    return value;
  }

  static String protocol(String value) {
    required("protocol", value, MAX_PROTOCOL);
    if (!PROTOCOL.matcher(value).matches())
      throw invalid("protocol", "protocol must be a scheme name such as sftp, ftp or s3, got " + value);
    return value;
  }

  static String sha256(String value) {
    if (value != null && !SHA256.matcher(value).matches())
      throw invalid("sha256", "sha256 must be 64 lower-case hex digits");
    return value;
  }
}
