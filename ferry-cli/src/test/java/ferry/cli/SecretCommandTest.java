package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SecretCommandTest extends AdminTestSupport {
  static final String PATH = "/v1/adm/secrets/sftp-password";
  static final String ANSWER =
      "{\"name\":\"sftp-password\",\"createdAt\":\"t0\",\"updatedAt\":\"t1\"}";

  @Test
  void setWithValueCreatesTheSecretAndNeverPrintsIt() {
    server.on("PUT", PATH, 201, ANSWER);

    Cli.Result result = ferry("secret", "set", "sftp-password", "--value", "hunter2");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("created secret sftp-password" + System.lineSeparator());
    assertThat(result.out() + result.err()).doesNotContain("hunter2");
    assertThat(server.only("PUT", PATH).json().toString()).isEqualTo("{\"value\":\"hunter2\"}");
  }

  @Test
  void aCustomersSecretKeepsItsSlashBetweenTwoSegments() {
    server.on("PUT", "/v1/adm/secrets/alice/partner-pub", 201,
        "{\"name\":\"alice/partner-pub\",\"createdAt\":\"t0\",\"updatedAt\":\"t0\"}");

    Cli.Result result = ferry("secret", "set", "alice/partner-pub", "--value", "k");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("created secret alice/partner-pub");
    assertThat(SecretCommand.path("a b/c d")).isEqualTo("/v1/adm/secrets/a%20b/c%20d");
  }

  @Test
  void setFromAFileDropsOneTrailingNewlineAndSaysRotatedOn200() throws Exception {
    server.on("PUT", PATH, 200, ANSWER);
    Path file = Files.writeString(dataDir.resolve("value"), "line1\nline2\n");

    Cli.Result result = ferry("secret", "set", "sftp-password", "--value-file", file.toString());

    assertThat(result.out()).contains("rotated secret sftp-password");
    assertThat(server.only("PUT", PATH).json().path("value").asText()).isEqualTo("line1\nline2");
  }

  @Test
  void setReadsStandardInputWhenNoValueOptionIsGiven() {
    server.on("PUT", PATH, 201, ANSWER);

    Cli.Result result =
        Cli.run(
            cl -> stdin(cl, "from-stdin\r\n"),
            "secret",
            "set",
            "sftp-password",
            "--data-dir",
            dataDir.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("PUT", PATH).json().path("value").asText()).isEqualTo("from-stdin");
  }

  @Test
  void emptyValueOrBothSourcesAreUsageErrors() {
    Cli.Result empty =
        Cli.run(cl -> stdin(cl, "\n"), "secret", "set", "x", "--data-dir", dataDir.toString());
    Cli.Result both = ferry("secret", "set", "x", "--value", "a", "--value-file", "b");

    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.err()).contains("empty");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(server.requests().stream().filter(r -> r.method().equals("PUT"))).isEmpty();
  }

  @Test
  void listShowsNamesAndDates() {
    server.on("GET", "/v1/adm/secrets", 200, "{\"items\":[" + ANSWER + "]}");

    Cli.Result result = ferry("secret", "list");

    assertThat(result.out().lines().toList())
        .containsExactly("NAME           CREATED  UPDATED", "sftp-password  t0       t1");
  }

  @Test
  void deleteCallsDeleteWithTheNameEncoded() {
    server.on("DELETE", "/v1/adm/secrets/a b", 204, null);

    Cli.Result result = ferry("secret", "delete", "a b");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("deleted secret a b");
  }

  private static void stdin(CommandLine cl, String text) {
    SecretCommand.SetSecret set = Cli.command(cl, "secret", "set");
    set.stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
