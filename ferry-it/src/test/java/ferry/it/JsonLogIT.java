package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.SshClients;
import ferry.it.support.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry serve --log-format json} (issue 11): every line the server logs is one JSON object,
 * and a job's start and end, a transfer and a refused upload carry their details as fields.
 */
class JsonLogIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PW = "Json-Log-It-Pw-1";

  @TempDir static Path tmp;
  static FerryProcess server;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    server = FerryProcess.start(tmp.resolve("ferry-data"), List.of("--log-format", "json"), Map.of());
    admin = server.cliKey();
    Path script = Files.writeString(tmp.resolve("hello.js"), "Log.Info('hello');\n");
    ok("script", "put", "--name", "hello", "-f", script.toString());
    Path home = Files.createDirectories(tmp.resolve("bob/ro"));
    ok("user", "add", "--username", "bob", "--password", PW, "--home-dir", home.getParent().toString(),
        "--permissions", "/=*", "/ro=list,download");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  void aJobATransferAndARefusedUploadAreJsonLinesWithTheirFields() throws Exception {
    String jobId = server.api().expect(201, "POST", "/v1/jobs", admin, "{\"scriptName\":\"hello\"}").path("id").asText();
    Path file = Files.writeString(tmp.resolve("a.csv"), "id\n");
    Launch.Result sftp = new SshClients(server.sftpPort(), tmp).sftp("bob", PW, "put " + file + " /a.csv",
        "put " + file + " /ro/a.csv");
    assertThat(sftp.exitCode()).as(sftp.toString()).isNotZero();

    JsonNode started = line(o -> o.path("event").asText().equals("job_started") && o.path("job_id").asText().equals(jobId));
    assertThat(started.path("message").asText()).isEqualTo("job " + jobId + " started script=hello trigger=api");
    assertThat(started.path("script").asText()).isEqualTo("hello");
    assertThat(started.path("trigger").asText()).isEqualTo("api");
    JsonNode ended = line(o -> o.path("event").asText().equals("job_ended") && o.path("job_id").asText().equals(jobId));
    assertThat(ended.path("status").asText()).isEqualTo("completed");
    assertThat(ended.path("duration_ms").isIntegralNumber()).as(ended.toString()).isTrue();
    assertThat(ended.path("level").asText()).isEqualTo("INFO");

    JsonNode upload = line(o -> o.path("logger").asText().equals("ferry.transfer") && o.path("ok").asBoolean());
    assertThat(upload.path("user").asText()).isEqualTo("bob");
    assertThat(upload.path("protocol").asText()).isEqualTo("SFTP");
    assertThat(upload.path("direction").asText()).isEqualTo("upload");
    assertThat(upload.path("dst_vfs").asText() + ":" + upload.path("dst_path").asText()).isEqualTo("home:/a.csv");
    assertThat(upload.path("bytes").asLong()).isEqualTo(3);
    assertThat(upload.path("sha256").asText())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));

    JsonNode refused = line(o -> o.path("logger").asText().equals("ferry.transfer") && !o.path("ok").asBoolean(true));
    assertThat(refused.path("level").asText()).isEqualTo("WARN");
    assertThat(refused.path("path").asText()).isEqualTo("/ro/a.csv");
    assertThat(refused.path("error").asText()).isEqualTo("permission denied: 'upload' is not granted in /ro");

    List<String> lines = server.log().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).isNotEmpty().allSatisfy(l -> {
      JsonNode o = JSON.readTree(l);
      assertThat(o.isObject()).as(l).isTrue();
      assertThat(o.path("timestamp").asText()).as(l).isNotEmpty();
      assertThat(o.path("level").asText()).as(l).isNotEmpty();
      assertThat(o.path("logger").asText()).as(l).isNotEmpty();
    });
  }

  @Test
  void anUnknownLogFormatIsAUsageError() {
    Launch.Result r = Launch.run(List.of("serve", "--data-dir", tmp.resolve("other").toString(), "--log-format", "xml"),
        Map.of(), tmp, null);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--log-format: log format must be text or json, got 'xml'");
  }

  /** The first JSON log line {@code match} accepts, waited for: records are logged off the request. */
  private static JsonNode line(Predicate<JsonNode> match) {
    return Waits.until("a matching JSON log line", Duration.ofSeconds(20), () -> {
      List<JsonNode> all = new ArrayList<>();
      for (String l : server.log().lines().toList()) {
        if (l.startsWith("{")) {
          try {
            all.add(JSON.readTree(l));
          } catch (Exception e) {
            throw new AssertionError("not JSON: " + l, e);
          }
        }
      }
      return all.stream().filter(match).findFirst().orElse(null);
    });
  }

  private static void ok(String... args) {
    Launch.Result r = Launch.run(List.of(args), Map.of(), tmp, null);
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }
}
