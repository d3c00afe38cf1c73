package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionCommandsTest extends AdminTestSupport {
  static final String CONNECTIONS =
      "[{\"username\":\"bob\",\"connection_id\":\"sftp_abc\",\"remote_address\":\"10.0.0.7\","
          + "\"connection_time\":1764324000000,\"protocol\":\"SFTP\",\"active_transfers\":"
          + "[{\"operation_type\":\"upload\",\"path\":\"/in/big.bin\",\"start_time\":1764324001000,\"size\":4096}]}]";
  static final String TRANSFERS =
      "{\"items\":[{\"username\":\"bob\",\"protocol\":\"SFTP\",\"direction\":\"upload\",\"path\":\"/in/a.txt\","
          + "\"jobId\":null,\"source\":\"SFTP:/in/a.txt\",\"destination\":\"home:/in/a.txt\",\"bytes\":5,"
          + "\"durationMs\":12,\"ok\":false,\"error\":\"quota exceeded\",\"remoteAddr\":\"10.0.0.7\","
          + "\"connId\":\"sftp_abc\",\"finishedAt\":\"2026-11-28T10:00:00Z\"},"
          + "{\"username\":null,\"protocol\":null,\"direction\":null,\"path\":null,\"jobId\":\"J1\","
          + "\"source\":\"a:/x\",\"destination\":\"b:/y\",\"bytes\":7,\"durationMs\":3,\"ok\":true,\"error\":null,"
          + "\"remoteAddr\":null,\"connId\":null,\"finishedAt\":\"2026-11-28T09:00:00Z\"}],"
          + "\"limit\":2,\"offset\":0,\"total\":3}";

  @Test
  void connectionsListShowsUserAddressAndTransfers() {
    server.on("GET", "/v1/adm/connections", 200, CONNECTIONS);

    Cli.Result r = ferry("connections", "list");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("ID", "USER", "sftp_abc", "bob", "SFTP", "10.0.0.7",
        "2025-11-28T10:00:00Z", "upload /in/big.bin (4096 bytes)");
  }

  @Test
  void connectionsListSaysSoWhenEmptyAndPrintsJsonOnRequest() {
    server.on("GET", "/v1/adm/connections", 200, "[]");
    assertThat(ferry("connections", "list").out()).contains("no connections");
    assertThat(ferry("connections", "list", "--json").out().trim()).isEqualTo("[ ]");
  }

  @Test
  void connectionsCloseDeletesTheConnection() {
    server.on("DELETE", "/v1/adm/connections/sftp_abc", 204, "");

    Cli.Result r = ferry("connections", "close", "sftp_abc");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("closed connection sftp_abc");
    assertThat(server.only("DELETE", "/v1/adm/connections/sftp_abc")).isNotNull();
  }

  @Test
  void connectionsCloseOfAnUnknownIdFailsWithTheServersMessage() {
    server.on("DELETE", "/v1/adm/connections/nope", 404,
        "{\"status\":404,\"error\":\"not_found\",\"message\":\"no live connection with id nope\"}");

    Cli.Result r = ferry("connections", "close", "nope");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("no live connection with id nope");
  }

  @Test
  void transfersListPassesFiltersAndShowsOutcome() {
    server.on("GET", "/v1/adm/transfers", 200, TRANSFERS);

    Cli.Result r = ferry("transfers", "list", "--user", "bob", "--protocol", "sftp", "--failed", "--limit", "2");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(server.only("GET", "/v1/adm/transfers").query())
        .isEqualTo("username=bob&protocol=sftp&ok=false&limit=2&offset=0");
    assertThat(r.out()).contains("bob", "upload", "/in/a.txt", "failed: quota exceeded", "10.0.0.7");
    assertThat(r.out()).contains("job J1", "a:/x -> b:/y", "ok");
    assertThat(r.out()).contains("(2 of 3 transfers; next: --offset 2)");
  }

  @Test
  void transfersListJsonPrintsTheAnswer() {
    server.on("GET", "/v1/adm/transfers", 200, TRANSFERS);

    Cli.Result r = ferry("transfers", "list", "--json");

    assertThat(r.out()).contains("\"connId\" : \"sftp_abc\"");
    assertThat(server.only("GET", "/v1/adm/transfers").query()).isEqualTo("limit=50&offset=0");
  }
}
