package ferry.httpd.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.core.error.ValidationException;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A JSON request body with typed reads whose errors name the field and what was expected. */
public final class Body {
  private final ObjectNode node;

  private Body(ObjectNode node) {
    this.node = node;
  }

  /** Parses the request body, which must be a JSON object. */
  public static Body of(Context ctx) {
    return new Body(object(ctx));
  }

  /** The request body as a JSON object tree; a clear 400 for anything else. */
  public static ObjectNode object(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) throw new ValidationException("the request body is empty; send a JSON object");
    JsonNode n = tree(text);
    if (!(n instanceof ObjectNode o))
      throw new ValidationException("the request body must be a JSON object, got " + kind(n));
    return o;
  }

  /** The request body as any JSON tree (an empty body is a missing node); a clear 400 when it is no JSON. */
  public static JsonNode tree(Context ctx) {
    return tree(ctx.body());
  }

  private static JsonNode tree(String text) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      // a constraint violation (nesting, number length) may come without a location
      String where = e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      // Jackson names its own setting in a constraint's message; the caller needs only the limit
      String why = e.getOriginalMessage().replaceAll(",? from `[^`]*`", "");
      throw new ValidationException("the request body is not valid JSON: " + why + where);
    }
    return n;
  }

  /** A string field, or null when absent or JSON null. */
  public String string(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw wrongType(field, "a string", v);
    return v.asText();
  }

  public Boolean bool(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isBoolean()) throw wrongType(field, "true or false", v);
    return v.asBoolean();
  }

  /** A whole number, or null when absent or JSON null. */
  public Long longValue(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isIntegralNumber() || !v.canConvertToLong()) throw wrongType(field, "a whole number", v);
    return v.asLong();
  }

  /** An ISO-8601 instant such as 2026-12-31T00:00:00Z, or null. */
  public Instant instant(String field) {
    String s = string(field);
    if (s == null) return null;
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new ValidationException(field + " must be an ISO-8601 time such as 2026-12-31T00:00:00Z, got '" + s + "'");
    }
  }

  /** A list of strings, or null. */
  public List<String> strings(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isArray()) throw wrongType(field, "an array of strings", v);
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) throw wrongType(field + "[]", "a string", e);
      out.add(e.asText());
    }
    return out;
  }

  /**
   * Job parameters in either form: {@code {"k": "v"}} or {@code [{"name": "k", "value": "v"}]}.
   * Numbers and booleans become their text; nested values their JSON.
   */
  public Map<String, String> params(String field) {
    JsonNode v = node.get(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null || v.isNull()) return out;
    if (v.isObject()) {
      v.fields().forEachRemaining(e -> out.put(e.getKey(), text(e.getValue())));
    } else if (v.isArray()) {
      int i = 0;
      for (JsonNode e : v) {
        JsonNode name = e.get("name");
        if (!e.isObject() || name == null || !name.isTextual())
          throw new ValidationException(field + "[" + i + "] must be an object {\"name\": \"...\", \"value\": \"...\"}");
        out.put(name.asText(), text(e.get("value")));
        i++;
      }
    } else {
      throw wrongType(field, "an object {\"k\": \"v\"} or an array [{\"name\": \"k\", \"value\": \"v\"}]", v);
    }
    return out;
  }

  private static String text(JsonNode v) {
    if (v == null || v.isNull()) return "";
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static ValidationException wrongType(String field, String expected, JsonNode got) {
    return new ValidationException(field + " must be " + expected + ", got " + kind(got));
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> n.getNodeType().name().toLowerCase();
    };
  }
}
