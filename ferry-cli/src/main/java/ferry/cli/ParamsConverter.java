package ferry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a {@code --params} value in either form Ferry accepts, {@code {"k":"v"}} or {@code
 * [{"name":"k","value":"v"}]}, keeping the form so that it is sent as given.
 */
final class ParamsConverter implements ITypeConverter<JsonNode> {
  static final String FORMS = "{\"k\":\"v\"} or [{\"name\":\"k\",\"value\":\"v\"}]";

  @Override
  public JsonNode convert(String value) {
    JsonNode json;
    try {
      json = FerryClient.JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new TypeConversionException(
          "'" + value + "' is not JSON (" + JsonText.problem(e) + "); expected " + FORMS);
    }
    if (json == null || !(json.isObject() || json.isArray())) {
      throw new TypeConversionException("'" + value + "' is neither of " + FORMS);
    }
    for (JsonNode item : json.isArray() ? json : FerryClient.JSON.createArrayNode()) {
      if (!item.isObject() || !item.path("name").isTextual()) {
        throw new TypeConversionException(
            "each element of a params array must be {\"name\":\"k\",\"value\":\"v\"}, not " + item);
      }
    }
    return json;
  }

  /** The parameters as name → text, the way a script reads them with {@code Params(name)}. */
  static Map<String, String> toMap(JsonNode params) {
    Map<String, String> map = new LinkedHashMap<>();
    if (params == null) {
      return map;
    }
    if (params.isArray()) {
      params.forEach(item -> map.put(item.path("name").asText(), text(item.path("value"))));
    } else {
      params.properties().forEach(e -> map.put(e.getKey(), text(e.getValue())));
    }
    return map;
  }

  private static String text(JsonNode value) {
    if (value.isNull() || value.isMissingNode()) {
      return "";
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }
}
