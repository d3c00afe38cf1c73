package ferry.httpd.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.core.error.ValidationException;
import ferry.httpd.common.Body;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A strict JSON body of the orchestration face: fields outside the route's own are refused, and
 * every refusal names its field in {@code details.field}, so a client can point at it.
 */
public final class ApiBody {
  private final ObjectNode node;

  private ApiBody(ObjectNode node) {
    this.node = node;
  }

  /** The body, which must be a JSON object holding only {@code allowed} fields. */
  public static ApiBody of(Context ctx, Set<String> allowed) {
    ObjectNode n = Body.object(ctx);
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f))
        throw invalid(f, "unknown field " + f + "; this request takes " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return new ApiBody(n);
  }

  public boolean has(String field) {
    return node.has(field);
  }

  /** A string, or null when absent or JSON null. */
  public String string(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw wrongType(field, "a string", v);
    return v.asText();
  }

  /** A non-blank string of at most {@code maxLength} characters. */
  public String requiredString(String field, int maxLength) {
    String s = string(field);
    if (s == null || s.isBlank()) throw invalid(field, field + " is required");
    if (s.length() > maxLength) throw invalid(field, field + " must be at most " + maxLength + " characters");
    return s;
  }

  /** An optional string of at most {@code maxLength} characters, or null. */
  public String optionalString(String field, int maxLength) {
    String s = string(field);
    if (s != null && s.length() > maxLength) throw invalid(field, field + " must be at most " + maxLength + " characters");
    return s;
  }

  /** A whole number, or null when absent. */
  public Long longValue(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber() || !v.canConvertToLong()) throw wrongType(field, "a whole number", v);
    return v.asLong();
  }

  /** A number, or null when absent. */
  public Double number(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) throw wrongType(field, "a number", v);
    return v.asDouble();
  }

  /** A boolean, or null when absent. */
  public Boolean bool(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) throw wrongType(field, "true or false", v);
    return v.asBoolean();
  }

  /** The raw JSON of {@code field}, or null. */
  public JsonNode node(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  /** A 400 naming {@code field}. */
  public static ValidationException invalid(String field, String message) {
    return new ValidationException(message, Map.of("field", field));
  }

  private static ValidationException wrongType(String field, String expected, JsonNode got) {
    return invalid(field, field + " must be " + expected + ", got " + got.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
  }
}
