package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Defender over HTTP against a real {@code ferry serve} with a low threshold and a short ban:
 * the "attackers" are clients bound to other loopback addresses (127.0.0.2, ...), while the admin
 * and the real {@code ferry defender} CLI call from 127.0.0.1, which the default safe list exempts.
 */
class DefenderIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WRONG_KEY = "nokey.not-a-secret";
  private static final int THRESHOLD = 3;
  // Long enough for the CLI runs below while the ban holds, even on a loaded machine (15 s ran out
  // under CI load); SftpDefenderIT is the test that waits for a ban to expire.
  private static final int BAN_SECONDS = 600;

  @TempDir static Path tmp;
  static FerryProcess server;
  static Api admin;
  static String key;
  /** An admin key the "attackers" on 127.0.0.0/8 may use once they are let in. */
  static String loopbackKey;

  @BeforeAll
  static void start() {
    server = FerryProcess.start(tmp.resolve("ferry-data"), List.of("--defender-threshold", "" + THRESHOLD,
        "--defender-ban-time", "" + BAN_SECONDS), Map.of());
    admin = server.api();
    key = server.cliKey();
    loopbackKey = admin.expect(201, "POST", "/v1/adm/apikeys", key,
        "{\"name\": \"loopback\", \"scope\": \"admin\", \"allowedIps\": [\"127.0.0.0/8\"]}").path("key").asText();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  void wrongApiKeysGetTheSourceBannedTheCliListsItAndUnbanLiftsIt() throws Exception {
    Api attacker = from("127.0.0.2");
    for (int i = 0; i < THRESHOLD; i++)
      assertThat(attacker.get("/v1/adm/settings", WRONG_KEY).status()).as("attempt %d", i).isEqualTo(401);

    Api.Response refused = attacker.get("/v1/adm/settings", loopbackKey);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.json().path("message").asText())
        .contains("127.0.0.2").contains("blocked").contains("ferry defender unban 127.0.0.2");
    // the machine itself is on the safe list, so the admin is never locked out
    assertThat(admin.get("/v1/adm/settings", key).status()).isEqualTo(200);

    Launch.Result list = ferry("defender", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).as(list.toString()).contains("IP", "BANNED UNTIL", "OFFENCES").containsPattern(
        "127\\.0\\.0\\.2\\s+\\S+Z\\s+1");

    Launch.Result json = ferry("defender", "list", "--json");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode bans = JSON.readTree(json.out());
    JsonNode ban = entry(bans, "127.0.0.2");
    assertThat(ban).as(json.out()).isNotNull();
    assertThat(ban.path("offences").asInt()).isEqualTo(1);
    assertThat(Instant.parse(ban.path("ban_time").asText())).isAfter(Instant.now())
        .isBefore(Instant.now().plusSeconds(BAN_SECONDS + 1));

    Launch.Result unban = ferry("defender", "unban", "127.0.0.2");
    assertThat(unban.exitCode()).as(unban.toString()).isZero();
    assertThat(unban.out()).contains("unbanned 127.0.0.2");
    assertThat(attacker.get("/v1/adm/settings", loopbackKey).status()).isEqualTo(200);
    assertThat(entry(JSON.readTree(ferry("defender", "list", "--json").out()), "127.0.0.2")).isNull();

    Launch.Result again = ferry("defender", "unban", "127.0.0.2");
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
    assertThat(again.err()).contains("127.0.0.2 is not banned");
  }

  @Test
  void wrongAdminPasswordsCountAsFailedLoginsAndAdminsUnbanOverRest() {
    Api attacker = from("127.0.0.4");
    // a failed login scores 2: the second one reaches the threshold of 3
    for (int i = 0; i < 2; i++)
      assertThat(attacker.callWithHeader("GET", "/v1/adm/settings", "Authorization", basic("admin", "wrong")).status())
          .isEqualTo(401);
    assertThat(attacker.callWithHeader("GET", "/v1/adm/settings", "Authorization",
        basic("admin", FerryProcess.ADMIN_PASSWORD)).status()).isEqualTo(403);

    JsonNode ban = entry(admin.expect(200, "GET", "/v1/adm/defender/hosts", key, null), "127.0.0.4");
    assertThat(ban).isNotNull();
    assertThat(ban.path("id").asText()).isEqualTo("3132372e302e302e34"); // hex of "127.0.0.4", as the reference API
    admin.expect(204, "DELETE", "/v1/adm/defender/hosts/127.0.0.4", key, null);
    admin.expect(404, "DELETE", "/v1/adm/defender/hosts/127.0.0.4", key, null);
    JsonNode bad = admin.expect(400, "DELETE", "/v1/adm/defender/hosts/example.com", key, null);
    assertThat(bad.path("message").asText()).contains("not an IPv4 or IPv6 address");
    assertThat(attacker.callWithHeader("GET", "/v1/adm/settings", "Authorization",
        basic("admin", FerryProcess.ADMIN_PASSWORD)).status()).isEqualTo(200);

    String jobsKey = admin.expect(201, "POST", "/v1/adm/apikeys", key, "{\"name\": \"defender-jobs\"}").path("key").asText();
    assertThat(admin.get("/v1/adm/defender/hosts", jobsKey).status()).isEqualTo(403);
    assertThat(admin.call("DELETE", "/v1/adm/defender/hosts/127.0.0.4", jobsKey, null).status()).isEqualTo(403);
  }

  private static Api from(String localAddress) {
    try {
      return new Api(server.url(), server.certificate(), InetAddress.getByName(localAddress));
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode entry(JsonNode bans, String ip) {
    for (JsonNode b : bans) if (b.path("ip").asText().equals(ip)) return b;
    return null;
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static Launch.Result ferry(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--data-dir", server.dataDir().toString()));
    return Launch.run(all, Map.of(), tmp, null);
  }
}
