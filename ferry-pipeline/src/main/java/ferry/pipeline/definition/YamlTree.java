package ferry.pipeline.definition;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pipeline's YAML as a JSON tree (what the schema validator reads) plus where each node was
 * written: the mark of every value and of every mapping key, by JSON pointer ("/steps/1/type").
 * Parsing is safe for text from anyone: a size limit, few aliases of collections (a "billion
 * laughs" document is refused), no recursion, no duplicate keys, plain types only (no tags that
 * build objects).
 */
final class YamlTree {
  static final int MAX_CODE_POINTS = 1024 * 1024;
  static final int MAX_COLLECTION_ALIASES = 20;
  // what aliases may expand to in all: a few aliases of big lists still multiply (issue 14)
  static final int MAX_NODES = 100_000;
  // the composer recurses per level: 200,000 "[" overflowed its stack (issue 14)
  static final int MAX_DEPTH = 50;
  private static final Set<Tag> PLAIN = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);
  private static final Map<Tag, ConstructNode> SCALARS = new CoreSchema().getSchemaTagConstructors();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final JsonNode root;
  private final Map<String, Mark> values;
  private final Map<String, Mark> keys;

  private YamlTree(JsonNode root, Map<String, Mark> values, Map<String, Mark> keys) {
    this.root = root;
    this.values = values;
    this.keys = keys;
  }

  /** Thrown when the text is not a YAML document we read; the problem says where and why. */
  static final class Refused extends Exception {
    final transient Problem problem;

    Refused(Problem problem) {
      super(problem.message(), null, false, false);
      this.problem = problem;
    }
  }

  static YamlTree parse(String yaml) throws Refused {
    if (yaml.length() > MAX_CODE_POINTS) // refused before the parser reads a character
      throw new Refused(new Problem(0, 0, "", "the pipeline is " + yaml.length() + " characters long; at most "
          + MAX_CODE_POINTS + " are allowed"));
    LoadSettings settings = LoadSettings.builder()
        .setLabel("pipeline")
        .setCodePointLimit(MAX_CODE_POINTS)
        .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
        .setAllowRecursiveKeys(false)
        .setAllowDuplicateKeys(false)
        .setAllowNonScalarKeys(false)
        .setSchema(new CoreSchema())
        .build();
    Optional<Node> node;
    try {
      checkDepth(settings, yaml);
      node = new Compose(settings).composeString(yaml);
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      String problem = e.getProblem() == null ? "not valid YAML" : e.getProblem().strip();
      String context = e.getContext() == null ? "" : " (" + e.getContext().strip() + ")";
      throw new Refused(at(mark, "", "YAML syntax error: " + problem + context));
    } catch (ReaderException e) {
      throw new Refused(new Problem(lineAt(yaml, e.getPosition()), 0, "", "YAML refused: character U+"
          + String.format("%04X", e.getCodePoint()) + " is not allowed"));
    } catch (YamlEngineException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("aliases"))
        m = "too many aliases (at most " + MAX_COLLECTION_ALIASES + " aliases of lists or mappings are allowed)";
      throw new Refused(new Problem(0, 0, "", "YAML refused: " + m));
    }
    if (node.isEmpty()) throw new Refused(new Problem(0, 0, "", "the pipeline is empty"));
    Builder b = new Builder();
    JsonNode root = b.convert(node.get(), "");
    return new YamlTree(root, Collections.unmodifiableMap(b.values), Collections.unmodifiableMap(b.keys));
  }

  /** Walks the parser's events (no recursion) so that the composer never goes too deep. */
  private static void checkDepth(LoadSettings settings, String yaml) throws Refused {
    int depth = 0;
    for (Event event : new Parse(settings).parseString(yaml)) {
      switch (event.getEventId()) {
        case MappingStart, SequenceStart -> {
          if (++depth > MAX_DEPTH)
            throw new Refused(at(event.getStartMark(), "", "YAML refused: lists and mappings nest more than "
                + MAX_DEPTH + " deep"));
        }
        case MappingEnd, SequenceEnd -> depth--;
        default -> { // scalars, aliases, document and stream events do not nest
        }
      }
    }
  }

  private static int lineAt(String yaml, int codePoints) {
    int line = 1;
    int end = yaml.offsetByCodePoints(0, Math.min(codePoints, yaml.codePointCount(0, yaml.length())));
    for (int i = 0; i < end; i++) if (yaml.charAt(i) == '\n') line++;
    return line;
  }

  JsonNode root() {
    return root;
  }

  /** Where the value at {@code pointer} was written, else its nearest ancestor's place. */
  Problem problem(String pointer, String message) {
    return at(Optional.ofNullable(values.get(nearest(pointer, values))), pointer, message);
  }

  /** A problem placed at the key of {@code pointer} (for an unknown key), else at its value. */
  Problem keyProblem(String pointer, String message) {
    Mark k = keys.get(pointer);
    return k != null ? at(Optional.of(k), pointer, message) : problem(pointer, message);
  }

  /** The 1-based line the value at {@code pointer} starts on; 0 when unknown. */
  int line(String pointer) {
    Mark m = values.get(nearest(pointer, values));
    return m == null ? 0 : m.getLine() + 1;
  }

  static String child(String pointer, String key) {
    return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  static String child(String pointer, int index) {
    return pointer + "/" + index;
  }

  private static String nearest(String pointer, Map<String, Mark> marks) {
    String p = pointer;
    while (!p.isEmpty() && !marks.containsKey(p)) p = p.substring(0, p.lastIndexOf('/'));
    return p;
  }

  private static Problem at(Optional<Mark> mark, String field, String message) {
    return mark.map(m -> new Problem(m.getLine() + 1, m.getColumn() + 1, field, message))
        .orElseGet(() -> new Problem(0, 0, field, message));
  }

  /** Turns composed nodes into JSON, expanding aliases within the node budget. */
  private static final class Builder {
    final Map<String, Mark> values = new HashMap<>();
    final Map<String, Mark> keys = new HashMap<>();
    final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
    int count;

    JsonNode convert(Node node, String pointer) throws Refused {
      if (++count > MAX_NODES)
        throw new Refused(at(node.getStartMark(), pointer, "the pipeline expands to more than " + MAX_NODES
            + " values (through aliases?)"));
      node.getStartMark().ifPresent(m -> values.putIfAbsent(pointer, m));
      if (!PLAIN.contains(node.getTag()))
        throw new Refused(at(node.getStartMark(), pointer, "YAML tag " + node.getTag() + " is not allowed here;"
            + " only plain text, numbers, true/false, lists and mappings"));
      if (!open.add(node)) throw new Refused(at(node.getStartMark(), pointer, "an alias refers to itself"));
      try {
        return switch (node) {
          case ScalarNode s -> scalar(s, pointer);
          case SequenceNode s -> sequence(s, pointer);
          case MappingNode m -> mapping(m, pointer);
          default -> throw new Refused(at(node.getStartMark(), pointer, "unsupported YAML node"));
        };
      } finally {
        open.remove(node);
      }
    }

    private JsonNode scalar(ScalarNode s, String pointer) throws Refused {
      Tag tag = s.getTag();
      if (tag.equals(Tag.STR)) return JSON.stringNode(s.getValue());
      Object v;
      try {
        v = SCALARS.get(tag).construct(s);
      } catch (RuntimeException e) {
        throw new Refused(at(s.getStartMark(), pointer, "\"" + s.getValue() + "\" is not a valid " + tag));
      }
      return switch (v) {
        case null -> JSON.nullNode();
        case Boolean b -> JSON.booleanNode(b);
        case Integer i -> JSON.numberNode(i.longValue());
        case Long l -> JSON.numberNode(l);
        case java.math.BigInteger bi -> JSON.numberNode(bi);
        case Number n -> JSON.numberNode(n.doubleValue());
        default -> JSON.stringNode(s.getValue());
      };
    }

    private JsonNode sequence(SequenceNode s, String pointer) throws Refused {
      ArrayNode array = JSON.arrayNode();
      int i = 0;
      for (Node item : s.getValue()) array.add(convert(item, child(pointer, i++)));
      return array;
    }

    private JsonNode mapping(MappingNode m, String pointer) throws Refused {
      ObjectNode object = JSON.objectNode();
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k))
          throw new Refused(at(t.getKeyNode().getStartMark(), pointer, "keys must be plain text"));
        String key = k.getValue();
        String at = child(pointer, key);
        if (object.has(key)) // the parser refuses duplicates; keys equal only as text land here
          throw new Refused(at(k.getStartMark(), at, "duplicate key \"" + key + "\""));
        k.getStartMark().ifPresent(mark -> keys.putIfAbsent(at, mark));
        object.set(key, convert(t.getValueNode(), at));
      }
      return object;
    }
  }
}
