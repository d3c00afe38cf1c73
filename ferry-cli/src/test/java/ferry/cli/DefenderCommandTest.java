package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefenderCommandTest extends AdminTestSupport {
  private static final String TWO_BANS = """
      [{"id":"3230332e302e3131332e37","ip":"203.0.113.7","ban_time":"2026-11-28T10:30:00Z","offences":1},
       {"id":"x","ip":"2001:db8:0:0:0:0:0:1","ban_time":"2026-11-28T12:00:00Z","offences":3}]""";

  @Test
  void listPrintsOneRowPerBannedHost() {
    server.on("GET", DefenderCommand.PATH, 200, TWO_BANS);

    Cli.Result result = ferry("defender", "list");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines().toList()).containsExactly(
        "IP                    BANNED UNTIL          OFFENCES",
        "203.0.113.7           2026-11-28T10:30:00Z  1",
        "2001:db8:0:0:0:0:0:1  2026-11-28T12:00:00Z  3");
  }

  @Test
  void listSaysSoWhenNothingIsBanned() {
    server.on("GET", DefenderCommand.PATH, 200, "[]");

    assertThat(ferry("defender", "list").out().strip()).isEqualTo("no banned hosts");
  }

  @Test
  void listWithJsonPrintsTheServersAnswer() throws Exception {
    server.on("GET", DefenderCommand.PATH, 200, TWO_BANS);

    Cli.Result result = ferry("defender", "list", "--json");

    assertThat(FerryClient.JSON.readTree(result.out()).get(1).path("offences").asInt()).isEqualTo(3);
  }

  @Test
  void unbanDeletesTheHostByAddressEvenIpv6() {
    server.on("DELETE", DefenderCommand.PATH + "/2001:db8::1", 204, null);

    Cli.Result result = ferry("defender", "unban", "2001:db8::1");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().strip()).isEqualTo("unbanned 2001:db8::1");
    assertThat(server.only("DELETE", DefenderCommand.PATH + "/2001:db8::1").method()).isEqualTo("DELETE");
  }

  @Test
  void unbanOfAHostThatIsNotBannedFailsWithTheServersMessage() {
    server.on("DELETE", DefenderCommand.PATH + "/198.51.100.1", r -> FakeFerry.Reply.error(404, "Not Found",
        "198.51.100.1 is not banned"));

    Cli.Result result = ferry("defender", "unban", "198.51.100.1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("198.51.100.1 is not banned");
  }
}
