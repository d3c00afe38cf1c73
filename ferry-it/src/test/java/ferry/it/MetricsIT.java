package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.Scrape;
import ferry.it.support.SshClients;
import ferry.it.support.Waits;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of a real {@code ferry serve}: real traffic (HTTP calls, an OpenSSH upload and
 * a refused login, two script jobs, a Defender ban) moves the Prometheus counters by what happened;
 * the API's route is for admins only, the metrics listener asks for nothing.
 */
class MetricsIT {
  private static final String PW = "Metrics-It-Pw-4711";
  private static final int UPLOAD_BYTES = 100_000;
  private static final Pattern LISTENER = Pattern.compile("Metrics listening on (http://\\S+/metrics)");

  @TempDir static Path tmp;
  static FerryProcess server;
  static Api api;
  static String admin;
  static String metricsUrl;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void start() {
    // 127.0.0.2 plays the attacker the Defender bans; the test's own address is exempt
    server = FerryProcess.start(tmp.resolve("ferry-data"), List.of("--metrics-port", "0", "--metrics-per-user",
        "--defender-threshold", "3", "--defender-safe-list", "127.0.0.1/32"), Map.of());
    api = server.api();
    admin = server.cliKey();
    metricsUrl = Waits.until("the metrics listener's log line", Duration.ofSeconds(10), () -> {
      Matcher m = LISTENER.matcher(server.log());
      return m.find() ? m.group(1) : null;
    });
    assertThat(metricsUrl).startsWith("http://127.0.0.1:");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  void realTrafficMovesTheCountersByWhatHappened() throws Exception {
    Scrape before = scrape();

    Path home = Files.createDirectories(tmp.resolve("homes/alice"));
    api.expect(201, "POST", "/v1/adm/users", admin, "{\"username\":\"alice\",\"password\":\"" + PW + "\","
        + "\"home_dir\":\"" + home + "\",\"permissions\":{\"/\":[\"*\"]}}");
    assertThat(api.get("/v1/adm/jobs/no-such-job", admin).status()).isEqualTo(404);

    byte[] data = new byte[UPLOAD_BYTES];
    new Random(11).nextBytes(data);
    Path file = Files.write(tmp.resolve("upload.bin"), data);
    SshClients ssh = new SshClients(server.sftpPort(), tmp);
    Launch.Result put = ssh.sftp("alice", PW, "put " + file + " /upload.bin");
    assertThat(put.exitCode()).as(put.toString()).isZero();
    assertThat(ssh.sftp("alice", "not-" + PW, "ls").exitCode()).isNotZero();

    api.expect(201, "POST", "/v1/adm/scripts", admin, "{\"name\":\"fine\",\"source\":\"Log.Info('fine')\"}");
    api.expect(201, "POST", "/v1/adm/scripts", admin, "{\"name\":\"broken\",\"source\":\"Exit(1)\"}");
    for (String script : List.of("fine", "broken")) {
      String id = api.expect(201, "POST", "/v1/jobs", admin, "{\"scriptName\":\"" + script + "\"}").path("id").asText();
      api.awaitJobEnd(id, admin);
    }

    Api attacker = new Api(server.url(), server.certificate(), InetAddress.getByName("127.0.0.2"));
    Waits.until("127.0.0.2 to be banned", Duration.ofSeconds(20),
        () -> attacker.get("/v1/adm/settings", "nokey.not-a-secret").status() == 403 ? true : null);

    // transfer records reach the metrics as they are stored, a moment after the client is done
    Scrape after = Waits.until("the upload to be counted", Duration.ofSeconds(10), () -> {
      Scrape s = scrape();
      return delta(before, s, "ferry_transfers_total", "protocol", "sftp", "direction", "upload", "result", "ok") > 0
          ? s : null;
    });

    String[] upload = {"protocol", "sftp", "direction", "upload", "result", "ok"};
    assertThat(delta(before, after, "ferry_transfers_total", upload)).as(after.text()).isEqualTo(1);
    assertThat(delta(before, after, "ferry_transfer_bytes_total", upload)).isEqualTo(UPLOAD_BYTES);
    assertThat(delta(before, after, "ferry_user_transfer_bytes_total", "user", "alice", "direction", "upload"))
        .isEqualTo(UPLOAD_BYTES);
    assertThat(delta(before, after, "ferry_user_transfers_total", "user", "alice", "direction", "upload")).isEqualTo(1);

    assertThat(delta(before, after, "ferry_ssh_sessions_total")).isGreaterThanOrEqualTo(2);
    assertThat(delta(before, after, "ferry_ssh_logins_total", "method", "password", "result", "ok")).isEqualTo(1);
    assertThat(delta(before, after, "ferry_ssh_logins_total", "method", "password", "result", "failed"))
        .isGreaterThanOrEqualTo(1);

    assertThat(delta(before, after, "ferry_jobs_started_total")).isEqualTo(2);
    assertThat(delta(before, after, "ferry_jobs_duration_seconds_count", "status", "completed")).isEqualTo(1);
    assertThat(delta(before, after, "ferry_jobs_duration_seconds_count", "status", "failed")).isEqualTo(1);
    assertThat(after.value("ferry_jobs_duration_seconds_sum", "status", "completed")).isPositive();
    assertThat(after.value("ferry_jobs_queued")).isZero();
    assertThat(after.value("ferry_jobs_running")).isZero();

    assertThat(delta(before, after, "ferry_defender_bans_total")).isEqualTo(1);
    assertThat(after.value("ferry_defender_banned")).isEqualTo(1);

    // by route template, not by raw path
    assertThat(delta(before, after, "ferry_http_requests_seconds_count", "method", "POST", "route", "/v1/adm/users",
        "status", "201")).isEqualTo(1);
    assertThat(delta(before, after, "ferry_http_requests_seconds_count", "method", "GET", "route", "/v1/adm/jobs/{id}",
        "status", "404")).isEqualTo(1);
    assertThat(after.text()).doesNotContain("no-such-job");
    assertThat(delta(before, after, "ferry_http_requests_seconds_count", "method", "GET", "route", "/v1/adm/settings",
        "status", "401")).isGreaterThanOrEqualTo(2);

    assertThat(after.text()).contains("jvm_memory_used_bytes{area=\"heap\"", "jvm_gc_");
    assertThat(after.value("jvm_threads_live_threads")).isPositive();
    assertThat(after.value("process_uptime_seconds")).isPositive();
    assertThat(after.value("hikaricp_connections_max", "pool", "ferry-db")).isPositive();
    assertThat(after.count("hikaricp_connections_acquire_seconds_count", "pool", "ferry-db"))
        .isGreaterThan(before.count("hikaricp_connections_acquire_seconds_count", "pool", "ferry-db"));
  }

  @Test
  void theApiRouteIsForAdminsOnly() {
    Api.Response anonymous = api.get("/metrics", null);
    assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain("ferry_");

    JsonNode jobsKey = api.expect(201, "POST", "/v1/adm/apikeys", admin, "{\"name\":\"jobs-only\",\"scope\":\"jobs\"}");
    Api.Response jobs = api.get("/metrics", jobsKey.path("key").asText());
    assertThat(jobs.status()).as(jobs.toString()).isEqualTo(403);
    assertThat(jobs.body()).contains("only an admin may read the metrics");

    Api.Response byKey = api.get("/metrics", admin);
    assertThat(byKey.status()).isEqualTo(200);
    assertThat(byKey.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    assertThat(new Scrape(byKey.body()).value("ferry_jobs_started_total")).isNotNull();

    String basic = java.util.Base64.getEncoder().encodeToString(("admin:" + FerryProcess.ADMIN_PASSWORD).getBytes());
    Api.Response byPassword = api.callWithHeader("GET", "/metrics", "Authorization", "Basic " + basic);
    assertThat(byPassword.status()).as(byPassword.toString()).isEqualTo(200);
  }

  @Test
  void theListenerServesOnlyGetMetrics() throws Exception {
    assertThat(send("GET", metricsUrl).statusCode()).isEqualTo(200);
    assertThat(send("POST", metricsUrl).statusCode()).isEqualTo(405);
    assertThat(send("GET", metricsUrl.replace("/metrics", "/v1/adm/users")).statusCode()).isEqualTo(404);
  }

  private static double delta(Scrape before, Scrape after, String name, String... labels) {
    return after.count(name, labels) - before.count(name, labels);
  }

  private static Scrape scrape() {
    HttpResponse<String> r = send("GET", metricsUrl);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
    return new Scrape(r.body());
  }

  private static HttpResponse<String> send(String method, String url) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
          .method(method, HttpRequest.BodyPublishers.noBody()).build();
      return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + url + " failed: " + e, e);
    }
  }
}
