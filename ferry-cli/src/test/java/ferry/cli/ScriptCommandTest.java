package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScriptCommandTest extends AdminTestSupport {
  static final String SOURCE = "Log.Info('backing up');\nExit(0);\n";
  static final String SCRIPT =
      """
      {"id": "p3fEoexohdHj6SXrvuT8H8", "name": "My Backup Job", "description": "nightly",
       "source": "Log.Info('backing up');\\nExit(0);\\n",
       "createdAt": "2026-11-28T10:00:00Z", "updatedAt": "2026-11-28T11:00:00Z"}
      """;

  Path scriptFile() throws Exception {
    return Files.writeString(dataDir.resolve("backup.js"), SOURCE);
  }

  @Test
  void putCreatesTheScriptWhenTheNameIsFree() throws Exception {
    server.on("POST", "/v1/adm/scripts", 201, SCRIPT);

    Cli.Result result =
        ferry(
            "script",
            "put",
            "--name",
            "My Backup Job",
            "-f",
            scriptFile().toString(),
            "--description",
            "nightly");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("created script My Backup Job (id p3fEoexohdHj6SXrvuT8H8)");
    JsonNode body = server.only("POST", "/v1/adm/scripts").json();
    assertThat(body.path("name").asText()).isEqualTo("My Backup Job");
    assertThat(body.path("source").asText()).isEqualTo(SOURCE);
    assertThat(body.path("description").asText()).isEqualTo("nightly");
  }

  @Test
  void putUpdatesTheSourceWhenTheNameIsTakenAndKeepsTheDescription() throws Exception {
    server
        .on(
            "POST",
            "/v1/adm/scripts",
            r -> FakeFerry.Reply.error(409, "Conflict", "a script named 'My Backup Job' exists"))
        .on("PUT", "/v1/adm/scripts/My Backup Job", 200, SCRIPT);

    Cli.Result result =
        ferry("script", "put", "--name", "My Backup Job", "-f", scriptFile().toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("updated script My Backup Job");
    JsonNode body = server.only("PUT", "/v1/adm/scripts/My Backup Job").json();
    assertThat(body.path("source").asText()).isEqualTo(SOURCE);
    assertThat(body.has("description")).isFalse();
  }

  @Test
  void putReportsASyntaxErrorWithLineAndColumn() throws Exception {
    server.on(
        "POST",
        "/v1/adm/scripts",
        400,
        "{\"status\":400,\"error\":\"Bad Request\",\"message\":\"SyntaxError: Expected ; but found"
            + " x\",\"line\":3,\"column\":7}");

    Cli.Result result = ferry("script", "put", "--name", "bad", "-f", scriptFile().toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("SyntaxError: Expected ; but found x (line 3, column 7)");
    assertThat(server.requests().stream().filter(r -> r.method().equals("PUT"))).isEmpty();
  }

  @Test
  void listPrintsATableSortedAsTheServerSends() {
    server.on(
        "GET",
        "/v1/adm/scripts",
        200,
        """
        {"items": [{"id": "a1", "name": "alpha", "description": null, "updatedAt": "2026-11-28T10:00:00Z"},
                   {"id": "b2", "name": "My Backup Job", "description": "nightly\\ncopy", "updatedAt": "2026-11-28T11:00:00Z"}]}
        """);

    Cli.Result result = ferry("script", "list");

    String row = "%-4s%-15s%-22s%s";
    assertThat(result.out().lines().toList())
        .containsExactly(
            row.formatted("ID", "NAME", "UPDATED", "DESCRIPTION"),
            row.formatted("a1", "alpha", "2026-11-28T10:00:00Z", "-"),
            row.formatted("b2", "My Backup Job", "2026-11-28T11:00:00Z", "nightly copy"));
  }

  @Test
  void emptyListSaysSo() {
    server.on("GET", "/v1/adm/scripts", 200, "{\"items\":[]}");

    assertThat(ferry("script", "list").out()).isEqualTo("no scripts" + System.lineSeparator());
  }

  @Test
  void getPrintsTheSourceByNameWithTheNameEncodedInThePath() {
    server.on("GET", "/v1/adm/scripts/My Backup Job", 200, SCRIPT);

    Cli.Result result = ferry("script", "get", "My Backup Job");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo(SOURCE);
    assertThat(server.requests()).anyMatch(r -> "/v1/adm/scripts/My Backup Job".equals(r.path()));
  }

  @Test
  void getWithJsonPrintsTheWholeScript() throws Exception {
    server.on("GET", "/v1/adm/scripts/p3fEoexohdHj6SXrvuT8H8", 200, SCRIPT);

    Cli.Result result = ferry("script", "get", "p3fEoexohdHj6SXrvuT8H8", "--json");

    assertThat(FerryClient.JSON.readTree(result.out()))
        .isEqualTo(FerryClient.JSON.readTree(SCRIPT));
  }

  @Test
  void getOfAnUnknownScriptPrintsTheServersMessage() {
    server.on(
        "GET",
        "/v1/adm/scripts/nope",
        r -> FakeFerry.Reply.error(404, "Not Found", "no script 'nope'"));

    Cli.Result result = ferry("script", "get", "nope");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("no script 'nope'");
  }

  @Test
  void deleteCallsDelete() {
    server.on("DELETE", "/v1/adm/scripts/My Backup Job", 204, null);

    Cli.Result result = ferry("script", "delete", "My Backup Job");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("deleted script My Backup Job");
  }
}
