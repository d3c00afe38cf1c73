package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 8: a --json file that is not a JSON object is reported in a person's terms, with where. */
class JsonFileTest extends AdminTestSupport {
  @TempDir Path files;

  @Test
  void anUnclosedObjectSaysWhatIsMissingAndWhere() throws Exception {
    Cli.Result r = userAdd("alice.json", "{\n  \"username\": \"alice\",\n  \"permissions\": {\"/\": [\"*\"]\n}\n");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo("ferry: " + files.resolve("alice.json") + " line 5, column 1: the JSON ends before a closing }");
    assertThat(server.requests()).noneMatch(q -> q.method().equals("POST"));
  }

  @Test
  void aTrailingCommaIsNamedWithoutJacksonsInternals() throws Exception {
    Cli.Result r = userAdd("bad.json", "{\"username\": \"alice\",}");

    assertThat(r.err().strip()).isEqualTo("ferry: " + files.resolve("bad.json")
        + " line 1, column 22: unexpected '}': expected a field name in double quotes");
  }

  @Test
  void commonMistakesReadAsPlainSentences() throws Exception {
    assertThat(userAdd("q.json", "{'username': 'alice'}").err())
        .contains("line 1, column 2: unexpected ''': expected a field name in double quotes");
    assertThat(userAdd("w.json", "{\"status\": yes}").err())
        .contains("line 1, column 12: unknown word 'yes': expected a value (a \"string\", a number, an object, an"
            + " array, true, false or null)");
    assertThat(userAdd("c.json", "{\"username\": \"alice\" \"status\": 1}").err())
        .contains("line 1, column 22: unexpected '\"': expected a comma between entries");
    assertThat(userAdd("k.json", "{\n// alice\n\"username\": \"alice\"}").err())
        .contains("line 2, column 1: unexpected '/': JSON has no comments");
    assertThat(userAdd("n.json", "{\"username\": \"al\nice\"}").err())
        .contains("line 1, column 17: a line break inside a string: write it as \\n");
    for (String name : new String[] {"q.json", "w.json", "c.json", "k.json", "n.json"}) {
      Cli.Result r = userAdd(name, Files.readString(files.resolve(name)));
      assertThat(r.err()).as(name).doesNotContain("Source").doesNotContain("code ").doesNotContain("marker")
          .doesNotContain("Feature").hasLineCount(1);
    }
  }

  @Test
  void anArrayIsNotTheObjectExpected() throws Exception {
    Cli.Result r = userAdd("list.json", "[{\"username\": \"alice\"}]");

    assertThat(r.err().strip())
        .isEqualTo("ferry: " + files.resolve("list.json") + " line 1, column 1: expected a JSON object {...}, found an array");
  }

  @Test
  void somethingAfterTheObjectIsNamed() throws Exception {
    Cli.Result r = userAdd("two.json", "{\"username\": \"a\"}\n{\"username\": \"b\"}\n");

    assertThat(r.err().strip()).isEqualTo(
        "ferry: " + files.resolve("two.json") + " line 2, column 1: more after the end of the object; expected one object");
  }

  @Test
  void anEmptyOrMissingFileIsSaidSo() throws Exception {
    assertThat(userAdd("empty.json", "  \n").err().strip())
        .isEqualTo("ferry: " + files.resolve("empty.json") + " is empty: expected a JSON object");
    Cli.Result missing = ferry("user", "add", "--json", files.resolve("nope.json").toString());
    assertThat(missing.err().strip()).isEqualTo("ferry: cannot read " + files.resolve("nope.json") + ": no such file");
  }

  @Test
  void folderFilesAreReadTheSameWay() throws Exception {
    Path file = Files.writeString(files.resolve("inbox.json"), "{\"name\": \"inbox\",, }");

    Cli.Result r = ferry("folder", "add", "--json", file.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("ferry: " + file + " line 1, column 18: unexpected ',': expected a field"
        + " name in double quotes");
  }

  private Cli.Result userAdd(String name, String content) throws Exception {
    Path file = Files.writeString(files.resolve(name), content);
    return ferry("user", "add", "--json", file.toString());
  }
}
