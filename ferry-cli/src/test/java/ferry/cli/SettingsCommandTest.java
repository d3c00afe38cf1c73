package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettingsCommandTest extends AdminTestSupport {
  @BeforeEach
  void settings() {
    server
        .on("GET", SettingsCommand.PATH, 200, "{\"allowCliRun\":false,\"maxJobs\":4}")
        .on(
            "PATCH",
            SettingsCommand.PATH,
            r -> new FakeFerry.Reply(200, r.body().replace("}", ",\"maxJobs\":4}")));
  }

  @Test
  void getPrintsAllSettingsWithKebabCaseNames() {
    Cli.Result result = ferry("settings", "get");

    assertThat(result.out().lines().toList())
        .containsExactly("NAME           VALUE", "allow-cli-run  false", "max-jobs       4");
  }

  @Test
  void getOfOneSettingPrintsItsValue() {
    assertThat(ferry("settings", "get", "allow-cli-run").out().strip()).isEqualTo("false");
  }

  @Test
  void getWithJsonPrintsTheServersAnswer() throws Exception {
    Cli.Result result = ferry("settings", "get", "--json");

    assertThat(FerryClient.JSON.readTree(result.out()).path("allowCliRun").isBoolean()).isTrue();
  }

  @Test
  void setMapsTheKebabNameToTheJsonFieldAndSendsABoolean() {
    Cli.Result result = ferry("settings", "set", "allow-cli-run", "true");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("PATCH", SettingsCommand.PATH).body())
        .isEqualTo("{\"allowCliRun\":true}");
    assertThat(result.out().strip()).isEqualTo("allow-cli-run = true");
  }

  @Test
  void setSendsANumberForANumericSetting() {
    ferry("settings", "set", "max-jobs", "8");

    assertThat(server.only("PATCH", SettingsCommand.PATH).body()).isEqualTo("{\"maxJobs\":8}");
  }

  @Test
  void unknownSettingNamesTheKnownOnes() {
    Cli.Result result = ferry("settings", "set", "allow-everything", "true");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("unknown setting allow-everything")
        .contains("allow-cli-run, max-jobs");
    assertThat(server.requests()).noneMatch(r -> r.method().equals("PATCH"));
  }

  @Test
  void valueOfTheWrongTypeIsAUsageError() {
    Cli.Result result = ferry("settings", "set", "allow-cli-run", "maybe");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("true or false");
  }

  @Test
  void namesMapBetweenKebabAndCamelCase() {
    assertThat(SettingsCommand.toField("allow-cli-run")).isEqualTo("allowCliRun");
    assertThat(SettingsCommand.toField("allowCliRun")).isEqualTo("allowCliRun");
    assertThat(SettingsCommand.toName("allowCliRun")).isEqualTo("allow-cli-run");
  }
}
