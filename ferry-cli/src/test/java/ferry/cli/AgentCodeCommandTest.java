package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentCodeCommandTest extends AdminTestSupport {
  @Test
  void createSendsTheCustomerAndMinutesWithTheCliKeyAndPrintsTheCode() {
    server.on("POST", AgentCodeCommand.PATH, 201,
        "{\"success\":true,\"data\":{\"code\":\"mft_rc_abc\",\"customer\":\"alice\",\"expiresAt\":\"2026-12-06T15:00:00Z\"}}");

    Cli.Result result = ferry("agent-code", "create", "--customer", "alice", "--expires-in", "2h");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    FakeFerry.Request sent = server.only("POST", AgentCodeCommand.PATH);
    assertThat(sent.header("X-API-Key")).isEqualTo(CLI_KEY);
    assertThat(sent.body()).isEqualTo("{\"customer\":\"alice\",\"expiresInMinutes\":120}");
    assertThat(result.out()).contains("mft_rc_abc", "2026-12-06T15:00:00Z");
    assertThat(result.err()).contains("shown only this once");
  }

  @Test
  void jsonPrintsTheDataOfTheEnvelope() throws Exception {
    server.on("POST", AgentCodeCommand.PATH, 201,
        "{\"success\":true,\"data\":{\"code\":\"mft_rc_abc\",\"customer\":\"alice\",\"expiresAt\":\"x\"}}");

    Cli.Result result = ferry("agent-code", "create", "--customer", "alice", "--json");

    assertThat(FerryClient.JSON.readTree(result.out()).path("code").asText()).isEqualTo("mft_rc_abc");
    assertThat(server.only("POST", AgentCodeCommand.PATH).json().path("expiresInMinutes").asInt()).isEqualTo(60);
  }

  @Test
  void theServersErrorTextIsShown() {
    server.on("POST", AgentCodeCommand.PATH, 400,
        "{\"success\":false,\"error\":\"no customer named bob\",\"details\":{\"field\":\"customer\"}}");

    Cli.Result result = ferry("agent-code", "create", "--customer", "bob");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("no customer named bob");
  }

  @Test
  void aBadLifetimeIsAUsageError() {
    Cli.Result result = ferry("agent-code", "create", "--customer", "alice", "--expires-in", "soon");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(server.requests()).noneMatch(r -> r.path().equals(AgentCodeCommand.PATH));
  }

  @Test
  void customerAddPutsAndListReadsTheEnvelope() {
    server.on("PUT", CustomerCommand.PATH + "/alice", 201, "{\"success\":true,\"data\":{\"username\":\"alice\"}}")
        .on("GET", CustomerCommand.PATH, 200, "{\"success\":true,\"data\":[\"alice\",\"bob\"]}");

    assertThat(ferry("customer", "add", "alice").exitCode()).isZero();
    assertThat(ferry("customer", "list").out().lines().toList()).containsExactly("alice", "bob");
  }
}
