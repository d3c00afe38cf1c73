package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.SharedServer;
import ferry.it.support.SshClients;
import ferry.it.support.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer log and the live connection list of a real server, through the admin REST API and
 * the real CLI. Job transfers land in the same log as file-server sessions (issue 4 item 5); the
 * server log has one readable line per job start and end and per transfer, refused ones included
 * (issue 11).
 */
class TransferLogIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PW = "Transfer-Log-It-Pw-1";
  private static final String COPY_SCRIPT = """
      var r = VirtualFSByName(Params("from")).CopyToVFS(Params("path"), VirtualFSByName(Params("to")), "/");
      if (!r.Ok()) { Log.Error("copy failed: " + r.ErrorMsg()); Exit(1); }
      """;

  @RegisterExtension static final SharedServer SHARED = new SharedServer();
  @TempDir static Path tmp;
  static FerryProcess server;
  static Api api;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    server = SHARED.process();
    api = server.api();
    admin = server.cliKey();
    Path a = Files.createDirectories(tmp.resolve("a"));
    Files.createDirectories(tmp.resolve("b"));
    Files.writeString(a.resolve("report.csv"), "id,amount\n1,10\n");
    for (String name : List.of("a", "b")) {
      Path file = Files.writeString(tmp.resolve(name + ".json"), JSON.writeValueAsString(Map.of("name", "drop-" + name,
          "mapped_path", tmp.resolve(name).toString(), "filesystem", Map.of("provider", 0))));
      Launch.Result r = ferry("folder", "add", "--json", file.toString());
      assertThat(r.exitCode()).as(r.toString()).isZero();
    }
    Path script = Files.writeString(tmp.resolve("copy.js"), COPY_SCRIPT);
    Launch.Result put = ferry("script", "put", "--name", "copy", "-f", script.toString());
    assertThat(put.exitCode()).as(put.toString()).isZero();
  }

  @Test
  void jobTransfersAreListedNewestFirstOverRestAndCli() {
    runCopy("/report.csv");
    runCopy("/missing.csv");

    JsonNode all = api.expect(200, "GET", "/v1/adm/transfers", admin, null);
    assertThat(all.path("total").asLong()).as(all.toString()).isGreaterThanOrEqualTo(1);
    JsonNode newest = all.path("items").get(0);
    assertThat(newest.path("source").asText()).as(all.toString()).isEqualTo("drop-a:/report.csv");
    assertThat(newest.path("destination").asText()).isEqualTo("drop-b:/report.csv");
    assertThat(newest.path("bytes").asLong()).isEqualTo(15);
    assertThat(newest.path("ok").asBoolean()).isTrue();
    assertThat(newest.path("jobId").asText()).hasSize(22);

    JsonNode failed = api.expect(200, "GET", "/v1/adm/transfers?ok=false", admin, null);
    failed.path("items").forEach(t -> assertThat(t.path("ok").asBoolean()).isFalse());
    JsonNode none = api.expect(200, "GET", "/v1/adm/transfers?username=nobody&protocol=sftp", admin, null);
    assertThat(none.path("items").size()).isZero();
    assertThat(none.path("total").asLong()).isZero();

    String jobId = newest.path("jobId").asText();
    logLine("INFO  transfer - copy ok job " + jobId + " drop-a:/report.csv -> drop-b:/report.csv 15 B in ");

    Launch.Result table = ferry("transfers", "list");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out()).contains("FINISHED", "drop-a:/report.csv -> drop-b:/report.csv", "ok");
    Launch.Result json = ferry("transfers", "list", "--user", "nobody", "--json");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.out()).contains("\"total\" : 0");
  }

  @Test
  void aJobCopyIsRecordedWithEndpointsPathsDirectionProtocolAndSha256() throws Exception {
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(tmp.resolve("a/report.csv"))));
    String jobId = runCopy("/report.csv");

    JsonNode listed = null;
    for (JsonNode t : api.expect(200, "GET", "/v1/adm/transfers?protocol=job&limit=500", admin, null).path("items")) {
      if (t.path("jobId").asText().equals(jobId)) listed = t;
    }
    assertThat(listed).as("the job's transfer among those of protocol JOB").isNotNull();
    assertThat(listed.path("protocol").asText()).isEqualTo("JOB");
    assertThat(listed.path("direction").asText()).isEqualTo("copy");
    assertThat(listed.path("source").asText()).isEqualTo("drop-a:/report.csv");
    assertThat(listed.path("destination").asText()).isEqualTo("drop-b:/report.csv");
    assertThat(listed.path("sha256").asText()).as(listed.toString()).isEqualTo(sha);

    JsonNode ofJob = api.expect(200, "GET", "/v1/adm/jobs/" + jobId, admin, null).path("transfers").get(0);
    assertThat(ofJob.path("protocol").asText()).as(ofJob.toString()).isEqualTo("JOB");
    assertThat(ofJob.path("direction").asText()).isEqualTo("copy");
    assertThat(ofJob.path("sha256").asText()).isEqualTo(sha);

    // the server log: the job's start, the file it copied, and its end, one readable line each (issue 11)
    assertThat(logLine("INFO  job - job " + jobId + " started"))
        .endsWith(" - job " + jobId + " started script=copy trigger=api");
    assertThat(logLine("INFO  transfer - copy ok job " + jobId + " "))
        .matches(".* - copy ok job " + jobId + " drop-a:/report\\.csv -> drop-b:/report\\.csv 15 B in \\d+ ms sha256=" + sha);
    assertThat(logLine("INFO  job - job " + jobId + " completed")).matches(".* - job " + jobId + " completed in [0-9.]+ m?s");

    Launch.Result table = ferry("transfers", "list", "--protocol", "job");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out()).contains("job " + jobId, "JOB", "copy", "drop-a:/report.csv -> drop-b:/report.csv");
  }

  @Test
  void badTransferQueriesAreClientErrors() {
    assertThat(api.get("/v1/adm/transfers?ok=maybe", admin).status()).isEqualTo(400);
    Api.Response limit = api.get("/v1/adm/transfers?limit=0", admin);
    assertThat(limit.status()).isEqualTo(400);
    assertThat(limit.body()).contains("limit must be between 1 and 500");
    assertThat(api.get("/v1/adm/transfers?offset=-1", admin).status()).isEqualTo(400);
    assertThat(api.get("/v1/adm/transfers", null).status()).isEqualTo(401);
  }

  @Test
  void jobsScopedKeysMayNotSeeConnectionsOrTransfers() throws Exception {
    Launch.Result created = ferry("apikey", "create", "--name", "jobs-only", "--scope", "jobs", "--json");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    String jobsKey = JSON.readTree(created.out()).path("key").asText();
    assertThat(api.get("/v1/adm/transfers", jobsKey).status()).isEqualTo(403);
    assertThat(api.get("/v1/adm/connections", jobsKey).status()).isEqualTo(403);
    assertThat(api.call("DELETE", "/v1/adm/connections/x", jobsKey, null).status()).isEqualTo(403);
  }

  @Test
  void connectionsListAndCloseOfAnUnknownConnection() {
    JsonNode list = api.expect(200, "GET", "/v1/adm/connections", admin, null);
    assertThat(list.isArray()).as(list.toString()).isTrue();
    assertThat(list.size()).isZero();
    Launch.Result table = ferry("connections", "list");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out()).contains("no connections");

    Api.Response gone = api.call("DELETE", "/v1/adm/connections/sftp_nope", admin, null);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body()).contains("no live connection with id sftp_nope");
    Launch.Result close = ferry("connections", "close", "sftp_nope");
    assertThat(close.exitCode()).isNotZero();
    assertThat(close.err()).contains("no live connection with id sftp_nope");
  }

  @Test
  void anSftpUploadIntoAReadOnlyDirectoryIsAFailedTransferWithItsReasonInTheListAndTheLog() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("alice/ro"));
    Launch.Result user = ferry("user", "add", "--username", "alice", "--password", PW, "--home-dir",
        home.getParent().toString(), "--permissions", "/=*", "/ro=list,download");
    assertThat(user.exitCode()).as(user.toString()).isZero();
    Path file = Files.writeString(tmp.resolve("a.csv"), "id\n");

    Launch.Result put = new SshClients(server.sftpPort(), tmp).sftp("alice", PW, "put " + file + " /ro/a.csv");
    assertThat(put.exitCode()).as(put.toString()).isNotZero();
    assertThat(put.out() + put.err()).contains("Permission denied");

    String reason = "permission denied: 'upload' is not granted in /ro";
    Launch.Result failed = ferry("transfers", "list", "--failed", "--user", "alice");
    assertThat(failed.exitCode()).as(failed.toString()).isZero();
    assertThat(failed.out()).as(failed.toString()).contains("alice", "SFTP", "upload", "/ro/a.csv", "failed: " + reason);
    assertThat(logLine("WARN  transfer - upload failed alice@127.0.0.1 "))
        .endsWith(" - upload failed alice@127.0.0.1 SFTP:/ro/a.csv -> home:/ro/a.csv 0 B in 0 ms: " + reason);
  }

  /** The first server log line containing {@code text}, waited for: lines of records are written off the request. */
  private static String logLine(String text) {
    return Waits.until("a server log line with '" + text + "'", Duration.ofSeconds(10),
        () -> server.log().lines().filter(l -> l.contains(text)).findFirst().orElse(null));
  }

  private static String runCopy(String path) {
    String id = api.expect(201, "POST", "/v1/jobs", admin, "{\"scriptName\":\"copy\",\"params\":"
        + "{\"from\":\"drop-a\",\"to\":\"drop-b\",\"path\":\"" + path + "\"}}").path("id").asText();
    Waits.until("job " + id + " to end", Duration.ofSeconds(60), () -> {
      JsonNode j = api.expect(200, "GET", "/v1/adm/jobs/" + id, admin, null);
      String s = j.path("status").asText();
      return s.equals("queued") || s.equals("running") ? null : j;
    });
    return id;
  }

  private static Launch.Result ferry(String... args) {
    return SHARED.ferry(List.of(args), null);
  }
}
