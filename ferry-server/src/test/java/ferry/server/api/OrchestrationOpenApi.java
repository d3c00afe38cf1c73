package ferry.server.api;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The /api OpenAPI 3.1 document as a test oracle: the operation a request hits, the response it
 * declares for a status ({@code $ref}s followed), and whether a JSON body fits its schema
 * (networknt's OpenAPI 3.1 dialect).
 */
final class OrchestrationOpenApi {
  private static final String IRI = "https://ferry.invalid/api/openapi.yaml";
  private static final Pattern PARAM = Pattern.compile("\\{[^/}]+}");

  private final JsonNode root;
  private final SchemaRegistry registry;

  OrchestrationOpenApi(String yaml) {
    this.root = YAMLMapper.builder().build().readTree(yaml);
    this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(IRI, yaml)));
  }

  JsonNode root() {
    return root;
  }

  record Operation(String template, String method, JsonNode node) {}

  record Response(JsonNode node, String pointer) {}

  /** The operation {@code method} on {@code path} (no query) hits; a literal segment beats a parameter. */
  Optional<Operation> operation(String method, String path) {
    List<Operation> hits = new ArrayList<>();
    root.path("paths").properties().forEach(e -> {
      JsonNode op = e.getValue().path(method.toLowerCase());
      if (!op.isMissingNode() && regexOf(e.getKey()).matcher(path).matches())
        hits.add(new Operation(e.getKey(), method.toLowerCase(), op));
    });
    return hits.stream().min(Comparator.comparingLong(o -> PARAM.matcher(o.template()).results().count()));
  }

  /** The response {@code op} declares for {@code status}, if any. */
  Optional<Response> response(Operation op, int status) {
    String pointer = "/paths/" + escape(op.template()) + "/" + op.method() + "/responses/" + status;
    JsonNode r = root.at(pointer);
    if (r.isMissingNode()) return Optional.empty();
    if (r.has("$ref")) {
      pointer = r.get("$ref").asString().substring(1);
      r = root.at(pointer);
    }
    return Optional.of(new Response(r, pointer));
  }

  /** The header names a response declares ({@code $ref}s need not be followed: the key is the name). */
  List<String> headers(Response r) {
    List<String> names = new ArrayList<>();
    r.node().path("headers").propertyNames().forEach(names::add);
    return names;
  }

  /** Errors of {@code json} against the schema {@code r} declares for {@code mediaType}. */
  List<String> validate(Response r, String mediaType, String json) {
    String pointer = r.pointer() + "/content/" + escape(mediaType) + "/schema";
    if (root.at(pointer).isMissingNode()) return List.of("no schema at " + pointer);
    return registry.getSchema(SchemaLocation.of(IRI + "#" + pointer)).validate(json, InputFormat.JSON).stream()
        .map(Error::toString).toList();
  }

  /** Errors of {@code json} against {@code #/components/schemas/name}. */
  List<String> validateSchema(String name, String json) {
    return registry.getSchema(SchemaLocation.of(IRI + "#/components/schemas/" + name)).validate(json, InputFormat.JSON)
        .stream().map(Error::toString).toList();
  }

  private static String escape(String s) {
    return s.replace("~", "~0").replace("/", "~1");
  }

  private static Pattern regexOf(String template) {
    StringBuilder re = new StringBuilder();
    var m = PARAM.matcher(template);
    int at = 0;
    while (m.find()) {
      re.append(Pattern.quote(template.substring(at, m.start()))).append("[^/]+");
      at = m.end();
    }
    return Pattern.compile(re.append(Pattern.quote(template.substring(at))).toString());
  }
}
