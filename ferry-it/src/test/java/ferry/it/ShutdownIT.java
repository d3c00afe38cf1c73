package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.it.support.FerryProcess;
import ferry.it.support.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHFsyncExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a server stops: SIGTERM lets running jobs finish until the deadline, marks the rest
 * interrupted, and exits 0; a server killed mid-upload leaves no partial file behind once it is
 * started again, and the upload is in the transfer log as failed (issue 10 item 12).
 */
class ShutdownIT {
  private static final String PW = "Crash-Pw-90210";
  private static final int CHUNK = 32 * 1024;
  private static final int CHUNKS = 4;

  @TempDir Path tmp;

  @Test
  void sigtermDrainsRunningJobsThenInterruptsTheRestAndExitsZero() {
    Path data = tmp.resolve("data");
    String key;
    String quick;
    String slow;
    try (FerryProcess server = FerryProcess.start(data, List.of("--shutdown-timeout", "4"), Map.of())) {
      String admin = server.cliKey();
      server.api().expect(201, "POST", "/v1/adm/scripts", admin,
          "{\"name\":\"Sleeper\",\"source\":\"Log.Info('start'); Sleep(Number(Params('ms'))); Log.Info('finished');\"}");
      key = server.api().expect(201, "POST", "/v1/adm/apikeys", admin, "{\"name\":\"k\"}").get("key").asText();
      quick = start(server, key, 1500);
      slow = start(server, key, 120_000);
      awaitRunning(server, key, quick);
      awaitRunning(server, key, slow);
      long t0 = System.nanoTime();
      assertThat(server.stop()).as(server.log()).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
      assertThat(server.log()).contains("stopping");
    }
    try (FerryProcess again = FerryProcess.start(data)) {
      JsonNode q = again.api().expect(200, "GET", "/v1/adm/jobs/" + quick, key, null);
      assertThat(q.get("status").asText()).isEqualTo("completed");
      assertThat(q.get("log").toString()).contains("\"finished\"");
      JsonNode s = again.api().expect(200, "GET", "/v1/adm/jobs/" + slow, key, null);
      assertThat(s.get("status").asText()).isEqualTo("interrupted");
      assertThat(s.get("error").asText()).contains("shut down");
      assertThat(s.get("log").toString()).contains("start").doesNotContain("\"finished\"");
    }
  }

  @Test
  void aServerKilledMidUploadRemovesThePartialFileAtRestartAndLogsTheUploadAsFailed() throws Exception {
    Path data = tmp.resolve("data");
    Path home = Files.createDirectories(tmp.resolve("home"));
    try (FerryProcess server = FerryProcess.start(data)) {
      server.api().expect(201, "POST", "/v1/adm/users", server.cliKey(), "{\"username\": \"crash\", \"password\": \""
          + PW + "\", \"home_dir\": \"" + home + "\", \"permissions\": {\"/\": [\"*\"]}}");
      try (SshClient client = SshClient.setUpDefaultClient()) {
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        ClientSession session = client.connect("crash", "127.0.0.1", server.sftpPort())
            .verify(Duration.ofSeconds(10)).getSession();
        session.addPasswordIdentity(PW);
        session.auth().verify(Duration.ofSeconds(10));
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
        SftpClient.Handle upload = sftp.open("/big.bin", SftpClient.OpenMode.Write, SftpClient.OpenMode.Create);
        byte[] chunk = new byte[CHUNK];
        for (int i = 0; i < CHUNKS; i++) sftp.write(upload, (long) i * CHUNK, chunk);
        // the answer to fsync@openssh.com comes after the server recorded the upload as in progress
        sftp.getExtension(OpenSSHFsyncExtension.class).fsync(upload);
        Path part = Waits.until("the upload's partial file", Duration.ofSeconds(10),
            () -> partFiles(home).stream().filter(p -> size(p) == (long) CHUNK * CHUNKS).findFirst().orElse(null));
        assertThat(part.getFileName().toString()).startsWith(".big.bin.ferry-part-");
        server.kill();
      }
    }
    assertThat(partFiles(home)).hasSize(1); // the crash itself leaves the orphan; the next start removes it

    try (FerryProcess again = FerryProcess.start(data)) {
      assertThat(partFiles(home)).as(again.log()).isEmpty();
      assertThat(home.resolve("big.bin")).doesNotExist();
      JsonNode failed = again.api().expect(200, "GET", "/v1/adm/transfers?username=crash&ok=false", again.cliKey(), null);
      assertThat(failed.path("items")).as(failed.toString()).hasSize(1);
      JsonNode t = failed.path("items").get(0);
      assertThat(t.path("path").asText()).isEqualTo("/big.bin");
      assertThat(t.path("direction").asText()).isEqualTo("upload");
      assertThat(t.path("protocol").asText()).isEqualTo("SFTP");
      assertThat(t.path("ok").asBoolean()).isFalse();
      assertThat(t.path("error").asText()).isEqualTo("server stopped during upload");
      assertThat(t.path("bytes").asLong()).isEqualTo((long) CHUNK * CHUNKS);
    }
  }

  private static List<Path> partFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().contains(".ferry-part-")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1; // removed meanwhile
    }
  }

  private static String start(FerryProcess server, String key, int ms) {
    return server.api().expect(201, "POST", "/v1/jobs", key,
        "{\"scriptName\":\"Sleeper\",\"params\":{\"ms\":\"" + ms + "\"}}").get("id").asText();
  }

  private static void awaitRunning(FerryProcess server, String key, String id) {
    Waits.until("job " + id + " to run", Duration.ofSeconds(30), () ->
        server.api().expect(200, "GET", "/v1/adm/jobs/" + id, key, null).toString().contains("\"start\"") ? true : null);
  }
}
