package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.SshClients;
import ferry.it.support.Waits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bans that expire, on a server with a 3 s ban and nothing on the safe list. In front of SFTP:
 * repeated failed logins ban the source, a banned source is cut off before the SSH handshake, and
 * the ban expires. Over HTTP: invalid API keys ban the source until the ban expires by itself (here
 * rather than in {@link DefenderIT}, whose longer ban gives its CLI checks time).
 */
class SftpDefenderIT {
  private static final String PW = "Defender-It-Pw-1";
  private static final String WRONG_KEY = "nokey.not-a-secret";
  private static final int THRESHOLD = 4;
  private static final int BAN_SECONDS = 3;

  @TempDir static Path tmp;
  static FerryProcess server;
  static SshClients ssh;
  static Api admin;
  static String key;
  /** An admin key the "attackers" on 127.0.0.0/8 may use once they are let in. */
  static String loopbackKey;

  @BeforeAll
  static void start() throws Exception {
    server = FerryProcess.start(tmp.resolve("ferry-data"), List.of("--defender-safe-list", "none",
        "--defender-threshold", String.valueOf(THRESHOLD), "--defender-ban-time", String.valueOf(BAN_SECONDS)),
        Map.of());
    ssh = new SshClients(server.sftpPort(), tmp);
    admin = server.api();
    // the CLI key passes a ban of this machine, so the admin calls below never are refused
    key = server.cliKey();
    loopbackKey = admin.expect(201, "POST", "/v1/adm/apikeys", key,
        "{\"name\": \"loopback\", \"scope\": \"admin\", \"allowedIps\": [\"127.0.0.0/8\"]}").path("key").asText();
    Path home = Files.createDirectories(tmp.resolve("home"));
    Launch.Result r = Launch.run(List.of("user", "add", "--username", "dana", "--password", PW, "--home-dir",
        home.toString(), "--permissions", "/=*"), Map.of(), tmp, null);
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  void repeatedFailedLoginsBanTheSourceUntilTheBanExpires() {
    assertThat(ssh.sftp("dana", PW, "ls /").exitCode()).isZero();

    // sshpass gives up at the second prompt: one failed login (score 2) per attempt, 4 bans
    for (int i = 0; i < 2; i++) {
      assertThat(ssh.sftp("dana", "wrong-password", "ls /").exitCode()).isNotZero();
    }

    Launch.Result refused = ssh.sftp("dana", PW, "ls /");
    assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
    assertThat(refused.out()).contains("Connection closed").doesNotContain("assword");
    assertThat(server.log()).contains("SSH connection refused: remote_addr=127.0.0.1");

    // each refused connection would score again: wait on the ban list, not by connecting
    Waits.until("the ban of 127.0.0.1 to expire", Duration.ofSeconds(BAN_SECONDS + 30),
        () -> entry(admin.expect(200, "GET", "/v1/adm/defender/hosts", key, null), "127.0.0.1") == null ? true : null);
    Launch.Result again = ssh.sftp("dana", PW, "ls /");
    assertThat(again.exitCode()).as(again.toString()).isZero();
  }

  @Test
  void anHttpBanExpiresByItself() {
    Api attacker = from("127.0.0.3");
    for (int i = 0; i < THRESHOLD; i++) assertThat(attacker.get("/v1/adm/settings", WRONG_KEY).status()).isEqualTo(401);
    long bannedAt = System.nanoTime();
    assertThat(attacker.get("/v1/adm/settings", loopbackKey).status()).isEqualTo(403);
    Waits.until("the ban of 127.0.0.3 to expire", Duration.ofSeconds(BAN_SECONDS + 30),
        () -> attacker.get("/v1/adm/settings", loopbackKey).status() == 200 ? true : null);
    assertThat(Duration.ofNanos(System.nanoTime() - bannedAt)).isGreaterThan(Duration.ofSeconds(BAN_SECONDS - 1));
    assertThat(entry(admin.expect(200, "GET", "/v1/adm/defender/hosts", key, null), "127.0.0.3")).isNull();
  }

  private static Api from(String localAddress) {
    try {
      return new Api(server.url(), server.certificate(), InetAddress.getByName(localAddress));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode entry(JsonNode bans, String ip) {
    for (JsonNode b : bans) if (b.path("ip").asText().equals(ip)) return b;
    return null;
  }
}
