package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JsonTrees reads and writes trees exactly as the ObjectMapper it replaces in the CLI did. */
class JsonTreesTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final List<String> SAMPLES =
      List.of(
          "{\"id\":\"j1\",\"status\":\"queued\",\"params\":{\"dest\":\"/archive\"}}",
          "[1, 2147483648, 9223372036854775808, -0, 1.5, 1e400, 2.50, true, false, null]",
          "{\"a\":1,\"a\":{\"b\":[]},\"empty\":{},"
              + "\"text\":\"tab\\t \\u00e9 \\ud83d\\ude00 \\\"q\\\"\"}",
          "[[[]], {\"x\": [{}]}]",
          "\"just a string\"",
          "42",
          "{\"trailing\":true} {\"ignored\":1}");

  final JsonTrees json = new JsonTrees();

  @Test
  void readsTheSameTreesAsAnObjectMapper() throws Exception {
    for (String text : SAMPLES) {
      JsonNode expected = MAPPER.readTree(text);
      JsonNode actual = json.readTree(text);
      assertThat(actual).as(text).isEqualTo(expected);
      assertSameNodeClasses(actual, expected, text);
    }
  }

  @Test
  void writesTheSameTextAsAnObjectMapper() throws Exception {
    for (String text : SAMPLES) {
      JsonNode tree = MAPPER.readTree(text);
      assertThat(json.write(tree)).as(text).isEqualTo(MAPPER.writeValueAsString(tree));
      assertThat(json.writePretty(tree))
          .as(text)
          .isEqualTo(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
    }
  }

  @Test
  void noValueIsAMissingNode() throws Exception {
    assertThat(json.readTree("").isMissingNode()).isTrue();
    assertThat(json.readTree("  \n").isMissingNode()).isTrue();
  }

  @Test
  void textThatIsNotJsonFailsWithTheParsersMessage() {
    for (String text : List.of("{\"a\":", "{a:1}", "[1,]", "nope")) {
      String expected = parseError(text);
      assertThatThrownBy(() -> json.readTree(text))
          .as(text)
          .isInstanceOf(JsonProcessingException.class)
          .extracting(e -> ((JsonProcessingException) e).getOriginalMessage())
          .isEqualTo(expected);
    }
  }

  @Test
  void filesAreReadInTheirUnicodeEncoding(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("server.json");
    Files.write(file, "{\"url\":\"https://h\u00e9:1\"}".getBytes(StandardCharsets.UTF_16));

    assertThat(json.readTree(file).path("url").asText()).isEqualTo("https://h\u00e9:1");
  }

  static String parseError(String text) {
    try {
      MAPPER.readTree(text);
      throw new AssertionError("the mapper parsed " + text);
    } catch (JsonProcessingException e) {
      return e.getOriginalMessage();
    }
  }

  static void assertSameNodeClasses(JsonNode actual, JsonNode expected, String text) {
    assertThat(actual.getClass()).as(text).isEqualTo(expected.getClass());
    if (expected.isContainerNode()) {
      for (int i = 0; i < expected.size(); i++) {
        JsonNode child = expected.isArray() ? expected.get(i) : null;
        if (child != null) {
          assertSameNodeClasses(actual.get(i), child, text);
        }
      }
      expected
          .properties()
          .forEach(e -> assertSameNodeClasses(actual.get(e.getKey()), e.getValue(), text));
    }
  }
}
