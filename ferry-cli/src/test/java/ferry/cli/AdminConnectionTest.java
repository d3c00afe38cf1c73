package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminConnectionTest extends AdminTestSupport {
  @TempDir Path emptyDataDir;

  @Test
  void localServerIsFoundThroughServerJsonAndCalledWithTheCliKey() {
    server.on("GET", "/v1/adm/scripts", 200, "{\"items\":[]}");

    Cli.Result result = ferry("script", "list");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("GET", LocalServer.HEALTH_PATH).header("X-API-Key")).isNull();
    assertThat(server.only("GET", "/v1/adm/scripts").header("X-API-Key")).isEqualTo(CLI_KEY);
  }

  @Test
  void explicitApiKeyWinsOverTheCliKey() {
    server.on("GET", "/v1/adm/scripts", 200, "{\"items\":[]}");

    ferry("script", "list", "-a", "other.key");

    assertThat(server.only("GET", "/v1/adm/scripts").header("X-API-Key")).isEqualTo("other.key");
  }

  @Test
  void withoutServerOrHostTheCommandSaysSoExactly() {
    Cli.Result result = Cli.run("script", "list", "--data-dir", emptyDataDir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().strip())
        .isEqualTo(
            "ferry: no Ferry server is running on data dir "
                + emptyDataDir
                + "; start one with `ferry serve` or pass --host and --apikey");
  }

  @Test
  void serverJsonOfAStoppedServerCountsAsNoServer() throws Exception {
    server.advertiseIn(emptyDataDir, CLI_KEY);
    server.close();

    Cli.Result result = Cli.run("secret", "list", "--data-dir", emptyDataDir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("no Ferry server is running on data dir " + emptyDataDir);
  }

  @Test
  void remoteHostIsCalledWithTheGivenKeyAndIgnoresTheDataDir() throws Exception {
    try (FakeFerry remote = FakeFerry.http()) {
      remote.on("GET", "/v1/adm/secrets", 200, "{\"items\":[]}");

      Cli.Result result =
          Cli.run(
              "secret",
              "list",
              "--host",
              remote.url(),
              "-a",
              "remote.key",
              "--data-dir",
              emptyDataDir.toString());

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(remote.only("GET", "/v1/adm/secrets").header("X-API-Key")).isEqualTo("remote.key");
    }
  }

  @Test
  void hostWithoutApiKeyIsAUsageError() {
    Cli.Result result = ferry("secret", "list", "--host", server.url());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--apikey");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void unreadableCliKeyIsReportedWithWhatToDo() throws Exception {
    Files.delete(dataDir.resolve(LocalServer.KEY_FILE));

    Cli.Result result = ferry("secret", "list");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("cli.key").contains("--apikey");
  }

  @Test
  void unauthorisedAnswerPrintsTheServersMessage() {
    server.on(
        "GET",
        "/v1/adm/jobs",
        r -> FakeFerry.Reply.error(401, "Unauthorized", "unknown, revoked or expired API key"));

    Cli.Result result = ferry("job", "list");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "ferry: unknown, revoked or expired API key [401 Unauthorized]"
                + System.lineSeparator());
  }

  @Test
  void groupCommandWithoutSubcommandIsAUsageError() {
    Cli.Result result = Cli.run("apikey");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("needs a command").contains("create");
  }
}
