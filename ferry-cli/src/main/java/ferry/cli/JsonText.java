package ferry.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * JSON a person wrote (a {@code --json} file, a {@code --params} value): its mistakes said in a
 * person's terms, with the line and column, instead of the parser's text about its own internals.
 */
final class JsonText {
  /** The parser's phrases, in order, and what a person reads instead. */
  private static final List<Map.Entry<String, String>> PHRASES = List.of(
      Map.entry("maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not"
          + " enabled for parser)", "JSON has no comments"),
      Map.entry("(JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
          "a value (a \"string\", a number, an object, an array, true, false or null)"),
      Map.entry("expected a valid value", "expected a value"),
      Map.entry("was expecting", "expected"),
      Map.entry("double-quote to start field name", "a field name in double quotes"),
      Map.entry("comma to separate Object entries", "a comma between entries"),
      Map.entry("comma to separate Array entries", "a comma between entries"),
      Map.entry("a colon to separate field name and value", "a colon after the field name"),
      Map.entry("Unrecognized token", "unknown word"),
      Map.entry("Unexpected character", "unexpected"),
      Map.entry("Unexpected close marker", "unexpected"));

  private JsonText() {}

  /**
   * Reads a file that must hold one JSON object.
   *
   * @throws CliException naming the file and, for a syntax error, its line and column
   */
  static ObjectNode readObjectFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new CliException("cannot read " + file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new CliException("cannot read " + file + ": permission denied", e);
    } catch (CharacterCodingException e) {
      throw new CliException("cannot read " + file + ": it is not UTF-8 text", e);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (text.isBlank()) throw new CliException(file + " is empty: expected a JSON object");
    try (JsonParser parser = FerryClient.JSON.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT)
        throw new CliException(at(file, parser.currentTokenLocation()) + "expected a JSON object {...}, found "
            + kind(first));
      ObjectNode object = (ObjectNode) FerryClient.JSON.readTree(parser);
      if (parser.nextToken() != null)
        throw new CliException(at(file, parser.currentTokenLocation())
            + "more after the end of the object; expected one object");
      return object;
    } catch (JsonProcessingException e) {
      throw new CliException(at(file, e.getLocation()) + problem(e), e);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** What is wrong, in a person's words, without the location (the caller adds it). */
  static String problem(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (e instanceof JsonEOFException) {
      if (m.contains("close marker for Object")) return "the JSON ends before a closing }";
      if (m.contains("close marker for Array")) return "the JSON ends before a closing ]";
      return "the JSON ends in the middle of a value (a string missing its closing \"?)";
    }
    if (m.startsWith("Illegal unquoted character ((CTRL-CHAR, code 10))"))
      return "a line break inside a string: write it as \\n";
    if (m.startsWith("Illegal unquoted character"))
      return "a control character inside a string: write it escaped, e.g. \\t or \\u0001";
    m = m.replaceAll("\\('(.)' \\(code \\d+\\)\\)", "'$1'") // ('}' (code 125)) -> '}'
        .replaceAll(" \\((for|start marker at) [^)]*\\[Source.*$", "") // where the object began: a second location
        .replaceAll(",? from `[^`]*`", ""); // a limit's setting name
    for (Map.Entry<String, String> phrase : PHRASES) m = m.replace(phrase.getKey(), phrase.getValue());
    return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
  }

  private static String at(Path file, JsonLocation where) {
    if (where == null || where.getLineNr() < 1) return file + ": ";
    return file + " line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
  }

  private static String kind(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "null";
      default -> String.valueOf(token);
    };
  }
}
