package ferry.server.files;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
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
 * An OpenAPI 3.0 document as a test oracle: which operation a request path hits (with the
 * document's servers), which statuses it declares, and whether a JSON body fits the declared
 * schema (networknt's OpenAPI 3.0 dialect, so {@code nullable} and {@code $ref} into components work).
 */
final class OpenApiDocument {
  /** Where the registry believes the document lives; only for resolving its $refs. */
  private static final String IRI = "https://ferry.invalid/api/v2/openapi.yaml";
  private static final Pattern PARAM = Pattern.compile("\\{[^/}]+}");

  private final JsonNode root;
  private final SchemaRegistry registry;

  OpenApiDocument(String yaml) {
    this.root = YAMLMapper.builder().build().readTree(yaml);
    this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), b -> b.schemas(Map.of(IRI, yaml)));
  }

  JsonNode root() {
    return root;
  }

  /** One operation: its template (as in the document) and where its node is. */
  record Operation(String template, String method, JsonNode node, String pointer) {
    /** The declared response for {@code status} ("200", "default"), a {@code $ref} followed; empty when not declared. */
    Optional<Response> response(OpenApiDocument doc, String status) {
      JsonNode r = node.path("responses").path(status);
      if (r.isMissingNode()) return Optional.empty();
      String p = pointer + "/responses/" + status;
      if (r.has("$ref")) {
        p = r.get("$ref").asString().substring(1);
        r = doc.root.at(p);
      }
      return Optional.of(new Response(r, p));
    }
  }

  /** A declared response: its node and JSON pointer. */
  record Response(JsonNode node, String pointer) {
    /** The media type key that {@code contentType} answers to (exact, then type/*, then *&#47;*). */
    Optional<String> mediaType(String contentType) {
      String bare = contentType.split(";")[0].strip().toLowerCase();
      List<String> keys = new ArrayList<>();
      node.path("content").propertyNames().forEach(keys::add);
      for (String k : keys) if (k.split(";")[0].strip().equalsIgnoreCase(bare)) return Optional.of(k);
      for (String k : keys) if (k.endsWith("/*") && bare.startsWith(k.substring(0, k.length() - 1))) return Optional.of(k);
      return keys.contains("*/*") ? Optional.of("*/*") : Optional.empty();
    }
  }

  /** The operation that {@code method} on {@code requestPath} (no query) hits, if the document has it. */
  Optional<Operation> operation(String method, String requestPath) {
    List<Operation> hits = new ArrayList<>();
    root.path("paths").properties().forEach(e -> {
      JsonNode item = e.getValue();
      JsonNode op = item.path(method.toLowerCase());
      if (op.isMissingNode()) return;
      String base = serverUrl(op, item);
      String full = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + e.getKey();
      if (regexOf(full).matcher(requestPath).matches())
        hits.add(new Operation(e.getKey(), method.toLowerCase(), op,
            "/paths/" + e.getKey().replace("~", "~0").replace("/", "~1") + "/" + method.toLowerCase()));
    });
    // a literal segment beats a parameter (/shares/{id}/files over /shares/{id}/{fileName})
    return hits.stream().min(Comparator.comparingLong(o -> PARAM.matcher(o.template()).results().count()));
  }

  /** Errors of {@code json} against the schema of {@code response}'s {@code mediaType}. */
  List<String> validate(Response response, String mediaType, String json) {
    String pointer = response.pointer() + "/content/" + mediaType.replace("~", "~0").replace("/", "~1") + "/schema";
    if (root.at(pointer).isMissingNode()) return List.of();
    Schema schema = registry.getSchema(SchemaLocation.of(IRI + "#" + pointer));
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  private String serverUrl(JsonNode op, JsonNode item) {
    for (JsonNode servers : List.of(op.path("servers"), item.path("servers"), root.path("servers")))
      if (servers.isArray() && !servers.isEmpty()) return servers.get(0).path("url").asString();
    return "/";
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
