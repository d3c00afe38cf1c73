package ferry.pipeline.definition;

import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Says a schema error in the user's terms: "unknown key \"patern\"; did you mean \"pattern\"?"
 * rather than the validator's wording, which speaks of properties, enumerations and regexes.
 */
final class SchemaMessages {
  // the $defs whose pattern or type errors are better said as what the value should look like
  private static final Map<String, String> SHAPES = Map.of(
      "size", "must be a size in bytes such as 1048576, \"10KB\" or \"5 MiB\"",
      "duration", "must be a duration such as \"500ms\", \"30s\", \"5m\", \"2h\", \"1d\" or \"PT30S\"",
      "path", "must be an absolute path: starting with \"/\", without \"..\"",
      "url", "must be an http:// or https:// URL");
  private static final Map<String, String> TYPES = Map.of(
      "string", "text", "integer", "a whole number", "number", "a number", "boolean", "true or false",
      "array", "a list", "object", "a mapping", "null", "empty");

  private SchemaMessages() {}

  /** The problem for {@code e}, found at {@code pointer} of the user's document. */
  static Problem problem(YamlTree tree, Error e, String pointer) {
    String shape = SHAPES.get(def(e));
    JsonNode arg = e.getSchemaNode();
    String kw = String.valueOf(e.getKeyword());
    return switch (kw) {
      case "additionalProperties" -> unknownKey(tree, e, pointer);
      case "required" -> tree.problem(YamlTree.child(pointer, e.getProperty()), missing(e));
      case "enum" -> tree.problem(pointer, notOneOf(pointer, arg, tree.root().at(pointer)));
      case "const" -> tree.problem(pointer, "must be " + arg);
      case "type", "pattern" -> tree.problem(pointer, shape != null ? shape : kw.equals("type") ? "must be " + type(arg)
          : "does not have the expected form");
      case "minimum" -> tree.problem(pointer, shape != null ? shape : "must be at least " + arg);
      case "maximum" -> tree.problem(pointer, "must be at most " + arg);
      case "minItems" -> tree.problem(pointer, "must list at least " + arg.asString() + (arg.asInt() == 1 ? " item" : " items"));
      case "maxItems" -> tree.problem(pointer, "must list at most " + arg.asString() + " items");
      case "minLength" -> tree.problem(pointer, arg.asInt() == 1 ? "must not be empty" : "must be at least " + arg + " characters");
      case "maxLength" -> tree.problem(pointer, "must be at most " + arg + " characters");
      case "not" -> eitherOr(tree, arg, pointer, e);
      default -> tree.problem(pointer, e.getMessage());
    };
  }

  /** Whether {@code written} is likely a typo of the key {@code meant}: 1 edit for short keys, 2 for longer. */
  static boolean typoOf(String written, String meant) {
    int d = distance(written, meant);
    return d <= (Math.min(written.length(), meant.length()) <= 4 ? 1 : 2);
  }

  /** "missing key \"type\"", with the values it may take when the schema lists them. */
  private static String missing(Error e) {
    String key = e.getProperty();
    String at = SchemaCheck.pointer(e.getSchemaLocation().getFragment());
    String object = at.substring(0, Math.max(0, at.lastIndexOf('/')));
    JsonNode values = SchemaCheck.schemaNode().at(YamlTree.child(object + "/properties", key) + "/enum");
    return "missing key \"" + key + "\"" + (values.isArray() ? " (one of: " + SchemaCheck.list(values) + ")" : "");
  }

  private static Problem unknownKey(YamlTree tree, Error e, String pointer) {
    String key = e.getProperty();
    List<String> known = knownKeys(e);
    String hint = known.stream().filter(k -> typoOf(key, k)).findFirst()
        .map(k -> "; did you mean \"" + k + "\"?")
        .orElse(known.isEmpty() ? "" : "; known keys: " + String.join(", ", known));
    return tree.keyProblem(YamlTree.child(pointer, key), "unknown key \"" + key + "\"" + hint);
  }

  /** The keys the schema object around an additionalProperties error allows. */
  private static List<String> knownKeys(Error e) {
    String at = SchemaCheck.pointer(e.getSchemaLocation().getFragment());
    JsonNode props = SchemaCheck.schemaNode().at(at.substring(0, Math.max(0, at.lastIndexOf('/'))) + "/properties");
    return new ArrayList<>(props.propertyNames());
  }

  private static String notOneOf(String pointer, JsonNode allowed, JsonNode got) {
    String value = got.isString() ? "\"" + got.asString() + "\"" : String.valueOf(got);
    if (pointer.matches("/steps/\\d+/type"))
      return "unknown step type " + value + "; known types: " + SchemaCheck.list(allowed);
    if (pointer.equals("/trigger/type"))
      return "unknown trigger type " + value + "; known types: " + SchemaCheck.list(allowed);
    return value + " is not one of: " + SchemaCheck.list(allowed);
  }

  private static Problem eitherOr(YamlTree tree, JsonNode not, String pointer, Error e) {
    JsonNode both = not.path("required");
    if (both.size() != 2) return tree.problem(pointer, e.getMessage());
    String a = both.get(0).asString();
    String b = both.get(1).asString();
    return tree.keyProblem(YamlTree.child(pointer, b), "use \"" + a + "\" or \"" + b + "\", not both");
  }

  private static String type(JsonNode t) {
    if (t.isArray()) {
      List<String> words = new ArrayList<>();
      t.values().forEach(v -> words.add(TYPES.getOrDefault(v.asString(), v.asString())));
      return String.join(" or ", words);
    }
    return TYPES.getOrDefault(t.asString(), t.asString());
  }

  /** The name of the $defs entry the failing keyword belongs to ("size" for #/$defs/size/pattern). */
  private static String def(Error e) {
    String at = SchemaCheck.pointer(e.getSchemaLocation().getFragment());
    if (!at.startsWith("/$defs/")) return "";
    String rest = at.substring("/$defs/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /** Edits between two keys, a swap of neighbours counting as one ("vsf" is one from "vfs"). */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length()][b.length()];
  }
}
