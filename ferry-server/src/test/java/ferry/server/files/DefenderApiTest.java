package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.core.auth.DefenderConfig;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /api/v2/defender/hosts (issue 12). Failed logins come from documentation addresses through the
 * trusted loopback proxy (X-Forwarded-For), so the admin's own requests are never banned.
 */
class DefenderApiTest {
  @TempDir static Path root;
  private static OpsServer s;
  private static Auth admin;

  @BeforeAll
  static void start() {
    // LOGIN_FAILED scores 2: one failure scores, two ban
    s = new OpsServer(root, DefenderConfig.defaults().withThreshold(4));
    admin = s.admin();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static void failLoginFrom(String ip) {
    assertThat(adminLoginFrom(ip, "wrong")).isIn(401, 403);
  }

  /** The status of an admin's request with {@code password} from {@code ip}. */
  private static int adminLoginFrom(String ip, String password) {
    String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest r = HttpRequest.newBuilder(URI.create(s.c.url() + "/v1/adm/users"))
        .header("Authorization", "Basic " + basic).header("X-Forwarded-For", ip).GET().build();
    return s.c.call(r).status();
  }

  private static String id(String ip) {
    return HexFormat.of().formatHex(ip.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aScoredHostIsListedWithItsScoreAndCleared() {
    String ip = "198.51.100.20";
    failLoginFrom(ip);
    Response one = s.c.get("/api/v2/defender/hosts/" + id(ip), admin);
    assertThat(one.status()).as(one.body()).isEqualTo(200);
    assertThat(one.json().path("id").asText()).isEqualTo(id(ip));
    assertThat(one.json().path("ip").asText()).isEqualTo(ip);
    assertThat(one.json().path("score").asInt()).isEqualTo(2);
    assertThat(one.json().has("ban_time")).isFalse();

    Response all = s.c.get("/api/v2/defender/hosts", admin);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().findValuesAsText("ip")).contains(ip);

    Response cleared = s.c.delete("/api/v2/defender/hosts/" + id(ip), admin);
    assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
    assertThat(cleared.json().has("message")).isTrue();
    assertThat(s.c.get("/api/v2/defender/hosts/" + id(ip), admin).status()).isEqualTo(404);
    assertThat(s.c.delete("/api/v2/defender/hosts/" + id(ip), admin).status()).isEqualTo(404);
  }

  @Test
  void aBannedHostShowsItsBanTimeAndIsUnbanned() {
    String ip = "203.0.113.30";
    failLoginFrom(ip);
    failLoginFrom(ip);
    JsonNode banned = s.c.get("/api/v2/defender/hosts/" + id(ip), admin).json();
    assertThat(banned.has("score")).isFalse();
    assertThat(java.time.Instant.parse(banned.path("ban_time").asText())).isAfter(java.time.Instant.now());

    assertThat(adminLoginFrom(ip, OpsServer.ADMIN_PASSWORD)).isEqualTo(403);

    assertThat(s.c.delete("/api/v2/defender/hosts/" + id(ip), admin).status()).isEqualTo(200);
    assertThat(s.c.get("/api/v2/defender/hosts", admin).json().findValuesAsText("ip")).doesNotContain(ip);
    assertThat(adminLoginFrom(ip, OpsServer.ADMIN_PASSWORD)).isEqualTo(200);
  }

  @Test
  void refusals() {
    assertThat(s.c.get("/api/v2/defender/hosts", Auth.NONE).status()).isEqualTo(401);
    assertThat(s.c.delete("/api/v2/defender/hosts/" + id("10.0.0.1"), Auth.NONE).status()).isEqualTo(401);
    assertThat(s.c.get("/api/v2/defender/hosts/zz", admin).status()).isEqualTo(400);
    assertThat(s.c.get("/api/v2/defender/hosts/" + id("not-an-ip"), admin).status()).isEqualTo(400);
    assertThat(s.c.get("/api/v2/defender/hosts/" + id("192.0.2.99"), admin).status()).isEqualTo(404);
  }
}
