package ferry.web.admin.automation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.core.error.ValidationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job's parameters as typed in the run form: a JSON object ({@code {"day": "2026-12-06"}}) or
 * one {@code key=value} per line. The job service checks names and sizes, as for /v1.
 */
final class ScriptParams {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScriptParams() {}

  static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) return out;
    String t = text.strip();
    if (t.startsWith("{")) return json(t);
    int n = 0;
    for (String line : t.split("\\R")) {
      n++;
      if (line.isBlank()) continue;
      int eq = line.indexOf('=');
      if (eq < 1) throw invalid("line " + n + " is not key=value: " + abbreviate(line));
      out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
    }
    return out;
  }

  private static Map<String, String> json(String t) {
    JsonNode n;
    try {
      n = JSON.readTree(t);
    } catch (JsonProcessingException e) {
      throw invalid("params are not valid JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) throw invalid("params must be a JSON object of values");
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isContainerNode()) throw invalid("param " + e.getKey() + " must be a plain value, not an object or list");
      out.put(e.getKey(), v.isNull() ? "" : v.asText());
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  private static ValidationException invalid(String message) {
    return new ValidationException(message, Map.of("field", "params"));
  }
}
