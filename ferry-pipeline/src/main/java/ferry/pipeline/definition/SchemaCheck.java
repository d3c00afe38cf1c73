package ferry.pipeline.definition;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Validates the tree against pipeline.schema.json (draft 2020-12) and says each error in the
 * user's terms at the line and column of the node at fault.
 */
final class SchemaCheck {
  static final String RESOURCE = "/ferry/pipeline/pipeline.schema.json";
  static final String TEXT = load();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(TEXT, InputFormat.JSON);

  private SchemaCheck() {}

  static List<Problem> check(YamlTree tree) {
    List<Error> errors = SCHEMA.validate(tree.root());
    Set<Problem> problems = new LinkedHashSet<>();
    for (Error e : errors) {
      if (!halfOfTypo(e, errors)) problems.add(SchemaMessages.problem(tree, e, pointer(e.getInstanceLocation())));
    }
    return new ArrayList<>(problems);
  }

  // "schedul: x" is one mistake: the unknown key says "did you mean schedule?", so the missing
  // "schedule" it causes is not said again
  private static boolean halfOfTypo(Error e, List<Error> errors) {
    return "required".equals(e.getKeyword()) && errors.stream().anyMatch(o -> "additionalProperties".equals(o.getKeyword())
        && o.getInstanceLocation().equals(e.getInstanceLocation())
        && SchemaMessages.typoOf(o.getProperty(), e.getProperty()));
  }

  static JsonNode schemaNode() {
    return SCHEMA.getSchemaNode();
  }

  static String pointer(NodePath path) {
    String p = "";
    for (int i = 0; i < path.getNameCount(); i++) {
      Object el = path.getElement(i);
      p = el instanceof Integer n ? YamlTree.child(p, n) : YamlTree.child(p, String.valueOf(el));
    }
    return p;
  }

  private static String load() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String list(JsonNode values) {
    return values.values().stream().map(JsonNode::asString).collect(Collectors.joining(", "));
  }
}
