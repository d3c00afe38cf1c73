package ferry.httpd.common;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import ferry.core.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of a JSON object whose errors name the full field path, e.g. {@code filters.allowed_ip[1]}. */
final class JsonReader {
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};
  private final JsonNode node;
  private final String prefix;

  JsonReader(JsonNode node, String path) {
    this.node = node;
    this.prefix = path.isEmpty() ? "" : path + ".";
  }

  /** The object at {@code field}, or null when absent or null. */
  JsonReader object(String field) {
    JsonNode v = value(field);
    if (v == null) return null;
    if (!v.isObject()) throw wrong(field, "an object", v);
    return new JsonReader(v, prefix + field);
  }

  String string(String field) {
    JsonNode v = value(field);
    if (v == null) return null;
    if (!v.isTextual()) throw wrong(field, "a string", v);
    return v.asText();
  }

  long number(String field) {
    JsonNode v = value(field);
    if (v == null) return 0;
    if (!v.canConvertToLong() || !v.isIntegralNumber()) throw wrong(field, "a whole number", v);
    return v.asLong();
  }

  Integer integer(String field) {
    JsonNode v = value(field);
    if (v == null) return null;
    if (!v.isIntegralNumber() || !v.canConvertToInt()) throw wrong(field, "a whole number", v);
    return v.asInt();
  }

  int intOrZero(String field) {
    Integer v = integer(field);
    return v == null ? 0 : v;
  }

  boolean bool(String field) {
    JsonNode v = value(field);
    if (v == null) return false;
    if (!v.isBoolean()) throw wrong(field, "true or false", v);
    return v.asBoolean();
  }

  List<String> strings(String field) {
    List<String> out = new ArrayList<>();
    JsonNode v = value(field);
    if (v == null) return out;
    if (!v.isArray()) throw wrong(field, "an array of strings", v);
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) throw wrong(field + "[" + i + "]", "a string", v.get(i));
      out.add(v.get(i).asText());
    }
    return out;
  }

  /** Each element of an array of objects. */
  List<JsonReader> objects(String field) {
    List<JsonReader> out = new ArrayList<>();
    JsonNode v = value(field);
    if (v == null) return out;
    if (!v.isArray()) throw wrong(field, "an array of objects", v);
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isObject()) throw wrong(field + "[" + i + "]", "an object", v.get(i));
      out.add(new JsonReader(v.get(i), prefix + field + "[" + i + "]"));
    }
    return out;
  }

  /** An object whose values are string arrays, e.g. permissions. */
  Map<String, List<String>> stringLists(String field) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    JsonReader o = object(field);
    if (o == null) return out;
    o.node.fieldNames().forEachRemaining(k -> out.put(k, o.strings(k)));
    return out;
  }

  /** An object as a plain tree of maps, lists and values. */
  Map<String, Object> tree(String field) {
    JsonReader o = object(field);
    return o == null ? null : Json.MAPPER.convertValue(o.node, TREE);
  }

  /** Whether the field is present and not null. */
  boolean has(String field) {
    return value(field) != null;
  }

  String path(String field) {
    return prefix + field;
  }

  private JsonNode value(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  private ValidationException wrong(String field, String expected, JsonNode got) {
    return new ValidationException(prefix + field + " must be " + expected + ", got " + got.getNodeType().name()
        .toLowerCase() + (got.isValueNode() ? " " + abbreviate(got.toString()) : ""));
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
