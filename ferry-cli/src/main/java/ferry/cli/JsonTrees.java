package ferry.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and writes JSON trees with Jackson's streaming parser and generator, as an {@code
 * ObjectMapper} does for trees: the same node types, numbers, duplicate keys (the last wins) and
 * pretty printer. It skips the mapper itself, whose set-up (serializer caches, date formats with
 * locale data) cost a {@code ferry start} more than all its JSON (issue 11).
 */
final class JsonTrees {
  private final JsonFactory factory = new JsonFactory();
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  ObjectNode createObjectNode() {
    return nodes.objectNode();
  }

  ArrayNode createArrayNode() {
    return nodes.arrayNode();
  }

  /**
   * Parses the first JSON value of {@code text}.
   *
   * @return a missing node when {@code text} holds no value
   * @throws JsonProcessingException when {@code text} is not JSON
   */
  JsonNode readTree(String text) throws JsonProcessingException {
    try (JsonParser parser = factory.createParser(text)) {
      return read(parser);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string failed", e);
    }
  }

  /** A parser over {@code text}, for a caller that looks at the tokens itself (JsonText). */
  JsonParser createParser(String text) throws IOException {
    return factory.createParser(text);
  }

  /** The value whose first token {@code parser} has just read. */
  JsonNode readTree(JsonParser parser) throws IOException {
    return value(parser, parser.currentToken());
  }

  /** Parses the JSON value in {@code file}, in whichever Unicode encoding it is. */
  JsonNode readTree(Path file) throws IOException {
    try (JsonParser parser = factory.createParser(Files.readAllBytes(file))) {
      return read(parser);
    }
  }

  /** The compact JSON text of {@code node}. */
  String write(JsonNode node) {
    return write(node, false);
  }

  /** The JSON text of {@code node}, indented for people. */
  String writePretty(JsonNode node) {
    return write(node, true);
  }

  private String write(JsonNode node, boolean pretty) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = factory.createGenerator(text)) {
      if (pretty) {
        generator.useDefaultPrettyPrinter();
      }
      write(node, generator);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string failed", e);
    }
    return text.toString();
  }

  private JsonNode read(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    return first == null ? MissingNode.getInstance() : value(parser, first);
  }

  private JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          object.replace(name, value(parser, parser.nextToken()));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        for (JsonToken item = parser.nextToken();
            item != JsonToken.END_ARRAY;
            item = parser.nextToken()) {
          array.add(value(parser, item));
        }
        yield array;
      }
      case VALUE_STRING -> nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> nodes.numberNode(parser.getIntValue());
            case LONG -> nodes.numberNode(parser.getLongValue());
            default -> nodes.numberNode(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT ->
          parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
              ? nodes.numberNode(parser.getDecimalValue())
              : nodes.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> nodes.booleanNode(true);
      case VALUE_FALSE -> nodes.booleanNode(false);
      case VALUE_NULL -> nodes.nullNode();
      default -> throw new JsonParseException(parser, "unexpected token " + token);
    };
  }

  private static void write(JsonNode node, JsonGenerator out) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          out.writeFieldName(field.getKey());
          write(field.getValue(), out);
        }
        out.writeEndObject();
      }
      case ARRAY -> {
        out.writeStartArray();
        for (JsonNode item : node) {
          write(item, out);
        }
        out.writeEndArray();
      }
      case STRING -> out.writeString(node.textValue());
      case NUMBER -> writeNumber(node, out);
      case BOOLEAN -> out.writeBoolean(node.booleanValue());
      case NULL, MISSING -> out.writeNull();
      case BINARY, POJO ->
          throw new IllegalArgumentException("not a JSON tree: " + node.getNodeType() + " node");
    }
  }

  private static void writeNumber(JsonNode number, JsonGenerator out) throws IOException {
    switch (number.numberType()) {
      case INT -> out.writeNumber(number.intValue());
      case LONG -> out.writeNumber(number.longValue());
      case BIG_INTEGER -> out.writeNumber(number.bigIntegerValue());
      case FLOAT -> out.writeNumber(number.floatValue());
      case DOUBLE -> out.writeNumber(number.doubleValue());
      case BIG_DECIMAL -> out.writeNumber(number.decimalValue());
    }
  }
}
