package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.SharedServer;
import ferry.it.support.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live connection list and an admin closing a connection, through the real CLI: an OpenSSH
 * upload slowed by the user's bandwidth limit shows with its bytes so far, and closing it ends the
 * client, leaves no file and records the failed transfer.
 */
class ConnectionsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PW = "Conn-It-Pw-815";

  @RegisterExtension static final SharedServer SHARED = new SharedServer();
  @TempDir Path tmp;

  @Test
  void anAdminSeesAnUploadInProgressAndClosesItsConnection() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    FerryProcess server = SHARED.process();
    Path user = Files.writeString(tmp.resolve("slow.json"), JSON.writeValueAsString(Map.of(
        "username", "slow", "password", PW, "home_dir", home.toString(), "permissions", Map.of("/", List.of("*")),
        "upload_bandwidth", 128)));
    ok("user", "add", "--json", user.toString());
    byte[] data = new byte[4 * 1024 * 1024];
    new Random(7).nextBytes(data);
    Path big = Files.write(tmp.resolve("big.bin"), data);
    Path batch = Files.writeString(tmp.resolve("batch"), "put " + big + " /big.bin\n");

    Process client = new ProcessBuilder("sshpass", "-p", PW, "sftp", "-oBatchMode=no", "-oStrictHostKeyChecking=no",
        "-oUserKnownHostsFile=/dev/null", "-P", String.valueOf(server.sftpPort()), "-b", batch.toString(),
        "slow@127.0.0.1").redirectErrorStream(true).redirectOutput(tmp.resolve("client.log").toFile()).start();
    try {
      JsonNode conn = Waits.until("an upload in progress in the connection list", Duration.ofSeconds(30), () -> {
        JsonNode list = json(ok("connections", "list", "--json").out());
        for (JsonNode c : list) {
          JsonNode t = c.path("active_transfers");
          if (c.path("username").asText().equals("slow") && t.size() == 1 && t.get(0).path("size").asLong() > 0) return c;
        }
        return null;
      });
      assertThat(conn.path("protocol").asText()).isEqualTo("SFTP");
      assertThat(conn.path("remote_address").asText()).contains("127.0.0.1");
      JsonNode transfer = conn.path("active_transfers").get(0);
      assertThat(transfer.path("operation_type").asText()).isEqualTo("upload");
      assertThat(transfer.path("path").asText()).isEqualTo("/big.bin");
      assertThat(transfer.path("size").asLong()).isLessThan(data.length);
      assertThat(ok("connections", "list").out()).contains("slow").contains("/big.bin");

      ok("connections", "close", conn.path("connection_id").asText());
      assertThat(client.waitFor(20, TimeUnit.SECONDS)).as("the client ends when its connection is closed").isTrue();
      assertThat(client.exitValue()).isNotZero();
    } finally {
      client.destroyForcibly();
    }
    assertThat(home.resolve("big.bin")).doesNotExist();
    try (var files = Files.list(home)) {
      assertThat(files).as("no partial file anywhere in the home").isEmpty();
    }
    JsonNode record = Waits.until("the failed upload's record", Duration.ofSeconds(10), () -> {
      JsonNode items = json(ok("transfers", "list", "--user", "slow", "--json").out()).path("items");
      return items.size() == 1 ? items.get(0) : null;
    });
    assertThat(record.path("ok").asBoolean()).isFalse();
    assertThat(record.path("direction").asText()).isEqualTo("upload");
    assertThat(record.path("bytes").asLong()).isPositive().isLessThan(data.length);
    assertThat(json(ok("connections", "list", "--json").out())).isEmpty();
    assertThat(ok("user", "get", "slow").out()).contains("\"used_quota_files\" : 0");
  }

  private Launch.Result ok(String... args) {
    Launch.Result r = SHARED.ferry(List.of(args), null);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
