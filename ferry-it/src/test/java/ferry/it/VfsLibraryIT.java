package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.SharedServer;
import ferry.it.support.Waits;
import ferry.vfs.TestData;
import ferry.vfs.ftp.FtpTestServer;
import ferry.vfs.ftp.FtpVfsConfig;
import ferry.vfs.s3.S3TestServer;
import ferry.vfs.sftp.SftpTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The VFS Library end to end: folders made with the real {@code ferry folder} CLI against a real
 * {@code ferry serve}, pointing at an in-process SFTP server (MINA), an S3 server (s3proxy), an FTP
 * server and a local directory; scripts stored in the server open them with {@code
 * VirtualFSByName} and copy between them, and the seed-002 workflow runs unchanged against an
 * orchestration API this test serves.
 *
 * <p>The methods share {@link SharedServer} and run in order because the pinning of {@link #SFTP_FOLDER}
 * happens in the second one and the later ones use it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VfsLibraryIT {
  @RegisterExtension static final SharedServer SHARED = new SharedServer();
  @RegisterExtension static final SftpTestServer SFTP = new SftpTestServer();
  @RegisterExtension static final S3TestServer S3 = new S3TestServer();
  @RegisterExtension static final FtpTestServer FTP = new FtpTestServer(FtpVfsConfig.TlsMode.NONE);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SFTP_FOLDER = "partner-sftp";
  private static final String S3_FOLDER = "archive-s3";
  private static final String LOCAL_FOLDER = "local-drop";
  private static final String FTP_FOLDER = "ftp-drop";
  private static final String BUCKET = S3TestServer.BUCKET;
  private static final String ORCH_TOKEN = "orch-Token-31415-secret";
  private static final String WRONG_PASSWORD = "not-the-Password-2718";
  private static final Pattern SCRIPT_ID = Pattern.compile("\\(id (\\S+)\\)");
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
  private static final long MIB = 1024 * 1024;

  /** The seed-002 script: claim, CopyToVFS, always report. Kept once in the repo, never edited. */
  private static final Path SEED_002 =
      Launch.repoRoot().resolve("ferry-script/src/test/resources/seeds/002-claim-transfer-report.js");

  /** Copies one path between two library entries given as params; exits 1 when the copy fails. */
  private static final String COPY_SCRIPT = """
      var r = VirtualFSByName(Params("from")).CopyToVFS(Params("path"), VirtualFSByName(Params("to")), Params("dir"));
      if (!r.Ok()) {
          Log.Error("copy failed: " + r.ErrorMsg());
          Exit(1);
      }
      Log.Info("copied " + r.Count() + " file(s), " + r.Bytes() + " bytes");
      """;

  /**
   * Exercises a glob copy, the local and FTP providers, and ReadDir/Stat/Exists on S3; logs what it
   * saw as one {@code RESULT <json>} line that the test checks.
   */
  private static final String TOUR_SCRIPT = """
      var sftp = VirtualFSByName("partner-sftp");
      var s3 = VirtualFSByName("archive-s3");
      var local = VirtualFSByName("local-drop");
      var ftp = VirtualFSByName("ftp-drop");

      function copied(r) {
          var files = [];
          var f = r.Files();
          for (var i = 0; i < f.length; i++) files.push(f[i].src + " -> " + f[i].dst + " " + f[i].bytes + " " + f[i].ok);
          return {ok: r.Ok(), error: r.ErrorMsg(), count: r.Count(), bytes: r.Bytes(), files: files};
      }

      var out = {};
      out.glob = copied(sftp.CopyToVFS("/out/*.csv", s3, "/glob"));

      var dir = s3.ReadDir("/glob");
      var entries = [];
      var e = dir.Entries();
      for (var i = 0; i < e.length; i++) entries.push(e[i].name + ":" + e[i].size + ":" + e[i].isDir);
      out.readDir = {ok: dir.Ok(), error: dir.ErrorMsg(), entries: entries};

      var st = s3.Stat("/glob/summary.csv");
      out.stat = {ok: st.Ok(), name: st.Name(), size: st.Size(), isDir: st.IsDir(), modified: st.Modified()};
      var sd = s3.Stat("/glob");
      out.statDir = {ok: sd.Ok(), isDir: sd.IsDir()};
      var sm = s3.Stat("/glob/notes.txt");
      out.statMissing = {ok: sm.Ok(), error: sm.ErrorMsg()};
      out.exists = {
          csv: s3.Exists("/glob/summary.csv").Exists(),
          txt: s3.Exists("/glob/notes.txt").Exists(),
          dir: s3.Exists("/glob").Exists()
      };

      out.toLocal = copied(s3.CopyToVFS("/glob/summary.csv", local, "/roundtrip"));
      out.backToS3 = copied(local.CopyToVFS("/roundtrip/summary.csv", s3, "/back"));
      out.toFtp = copied(sftp.CopyToVFS("/out/report.csv", ftp, "/incoming"));

      Log.Info("RESULT " + JSON.stringify(out));
      """;

  @TempDir static Path tmp;
  static FerryProcess server;
  static Api api;
  static String admin;
  static String key;
  static Orchestration orch;
  static Path localRoot;
  static String seedScriptId;

  @BeforeAll
  static void start() throws Exception {
    seedSftp();
    localRoot = Files.createDirectories(tmp.resolve("local-drop"));
    orch = new Orchestration(ORCH_TOKEN);
    server = SHARED.process();
    api = server.api();
    admin = server.cliKey();
    key = api.expect(201, "POST", "/v1/adm/apikeys", admin, "{\"name\":\"orchestrator\",\"scope\":\"jobs\"}")
        .get("key").asText();

    // the two secrets of seed 002: one through the API, one through the CLI (value on stdin)
    // created, or updated when Seed002WorkflowIT ran the same seed on the shared server first
    Api.Response url = api.call("PUT", "/v1/adm/secrets/orch-api-url", admin,
        JSON.writeValueAsString(Map.of("value", orch.url())));
    assertThat(url.status()).as(url.toString()).isIn(200, 201);
    Launch.Result token = SHARED.ferry(List.of("secret", "set", "orch-api-token"), ORCH_TOKEN);
    assertThat(token.exitCode()).as(token.toString()).isZero();

    // the folders, as an admin writes them: secrets in Plain, no fingerprints yet
    addFolder("partner-sftp.json", sftpFolder(List.of(), plain(SftpTestServer.PASSWORD)));
    addFolder("archive-s3.json", s3Folder());

    Launch.Result put = ferry("script", "put", "--name", "Claim Transfer Report", "-f", SEED_002.toString());
    assertThat(put.exitCode()).as(put.toString()).isZero();
    Matcher m = SCRIPT_ID.matcher(put.out());
    assertThat(m.find()).as(put.toString()).isTrue();
    seedScriptId = m.group(1);
    putScript("Copy One", COPY_SCRIPT);
    putScript("VFS Tour", TOUR_SCRIPT);
  }

  @AfterAll
  static void stop() {
    if (orch != null) orch.close();
  }

  // ---------------------------------------------------------------- 1. folders and their secrets

  @Test
  @Order(1)
  void foldersNeverShowTheirSecrets() throws Exception {
    Launch.Result getSftp = ferry("folder", "get", SFTP_FOLDER);
    assertThat(getSftp.exitCode()).as(getSftp.toString()).isZero();
    JsonNode sftp = JSON.readTree(getSftp.out());
    assertThat(sftp.path("name").asText()).isEqualTo(SFTP_FOLDER);
    JsonNode sftpConfig = sftp.path("filesystem").path("sftpconfig");
    assertThat(sftp.path("filesystem").path("provider").asInt()).isEqualTo(5);
    assertThat(sftpConfig.path("endpoint").asText()).isEqualTo("127.0.0.1:" + SFTP.port());
    assertThat(sftpConfig.path("username").asText()).isEqualTo(SftpTestServer.USER);
    assertRedacted(sftpConfig.path("password"), "sftpconfig.password");

    Launch.Result getS3 = ferry("folder", "get", S3_FOLDER);
    assertThat(getS3.exitCode()).as(getS3.toString()).isZero();
    JsonNode s3Config = JSON.readTree(getS3.out()).path("filesystem").path("s3config");
    assertThat(s3Config.path("bucket").asText()).isEqualTo(BUCKET);
    assertThat(s3Config.path("force_path_style").asBoolean()).isTrue();
    assertThat(s3Config.path("access_key").asText()).isEqualTo(S3.config().accessKey());
    assertRedacted(s3Config.path("access_secret"), "s3config.access_secret");

    Launch.Result listJson = ferry("folder", "list", "--json");
    assertThat(listJson.exitCode()).as(listJson.toString()).isZero();
    List<String> names = new ArrayList<>();
    JSON.readTree(listJson.out()).forEach(f -> names.add(f.path("name").asText()));
    assertThat(names).contains(SFTP_FOLDER, S3_FOLDER);

    Launch.Result table = ferry("folder", "list");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out())
        .containsPattern("(?m)^" + SFTP_FOLDER + " +sftp +alice@127\\.0\\.0\\.1:" + SFTP.port())
        .containsPattern("(?m)^" + S3_FOLDER + " +s3 +s3://" + BUCKET + "/");

    Api.Response all = api.get("/v1/adm/folders", admin);
    assertThat(all.status()).as(all.toString()).isEqualTo(200);
    Api.Response one = api.get("/v1/adm/folders/" + SFTP_FOLDER, admin);
    assertThat(one.status()).as(one.toString()).isEqualTo(200);

    for (String shown : List.of(getSftp.out() + getSftp.err(), getS3.out() + getS3.err(),
        listJson.out() + listJson.err(), table.out() + table.err(), all.body(), one.body())) {
      assertNoSecrets(shown);
      // secrets are whole Secret objects with an empty payload (issue 12), never one with content
      assertThat(shown).doesNotContainPattern("\"payload\" *: *\"[^\"]").doesNotContain("Plain");
    }
    assertNoSecrets(server.log());
  }

  // ---------------------------------------------------------------- 2. host key pinning, test

  @Test
  @Order(2)
  void sftpHostKeysArePinnedAndFolderTestSaysWhatFailed() throws Exception {
    String seen = SFTP.fingerprint().replaceAll("=+$", "");
    SoftAssertions soft = new SoftAssertions();

    // no fingerprints: refused, and the message shows the key the server presented
    Launch.Result unpinned = ferry("folder", "test", SFTP_FOLDER);
    soft.assertThat(unpinned.exitCode()).as(unpinned.toString()).isEqualTo(1);
    soft.assertThat(unpinned.err()).as(unpinned.toString()).contains(seen);

    // pin it; the password goes back as Redacted and must keep its stored value
    Launch.Result update = ferry("folder", "update", SFTP_FOLDER, "--json",
        write("partner-sftp.json", sftpFolder(List.of(seen), Map.of("status", "Redacted"))).toString());
    assertThat(update.exitCode()).as(update.toString()).isZero();
    assertThat(update.out()).contains("updated folder " + SFTP_FOLDER);

    Launch.Result pinned = ferry("folder", "test", SFTP_FOLDER);
    soft.assertThat(pinned.exitCode()).as(pinned.toString()).isZero();
    soft.assertThat(pinned.out()).as(pinned.toString()).contains("connected");
    JsonNode stored = api.expect(200, "GET", "/v1/adm/folders/" + SFTP_FOLDER, admin, null);
    soft.assertThat(stored.path("filesystem").path("sftpconfig").path("fingerprints").toString()).contains(seen);
    soft.assertThat(stored.path("filesystem").path("sftpconfig").has("password"))
        .as("the Redacted password is kept: " + stored).isTrue();

    Launch.Result s3 = ferry("folder", "test", S3_FOLDER);
    soft.assertThat(s3.exitCode()).as(s3.toString()).isZero();

    // a wrong password: a message about authentication, without the password
    Map<String, Object> wrong = sftpFolder(List.of(seen), plain(WRONG_PASSWORD));
    wrong.put("name", "partner-sftp-wrong-password");
    addFolder("wrong-password.json", wrong);
    Launch.Result denied = ferry("folder", "test", "partner-sftp-wrong-password");
    soft.assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(1);
    soft.assertThat(denied.err().toLowerCase()).as(denied.toString()).contains("authentication");
    soft.assertThat(denied.out() + denied.err()).doesNotContain(WRONG_PASSWORD);

    // nobody listening: connection refused
    Map<String, Object> closed = sftpFolder(List.of(seen), plain(SftpTestServer.PASSWORD));
    closed.put("name", "partner-sftp-closed-port");
    sftpConfig(closed).put("endpoint", "127.0.0.1:" + closedPort());
    addFolder("closed-port.json", closed);
    Launch.Result refused = ferry("folder", "test", "partner-sftp-closed-port");
    soft.assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    soft.assertThat(refused.err()).as(refused.toString()).contains("connection refused");

    for (String name : List.of("partner-sftp-wrong-password", "partner-sftp-closed-port")) {
      Launch.Result deleted = ferry("folder", "delete", name);
      soft.assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
      soft.assertThat(api.get("/v1/adm/folders/" + name, admin).status()).isEqualTo(404);
    }
    soft.assertThat(server.log()).doesNotContain(WRONG_PASSWORD);
    soft.assertAll();
  }

  // ---------------------------------------------------------------- 3. seed 002, success

  @Test
  @Order(3)
  void seed002CopiesTheReportFromSftpToS3AndReportsCompleted() throws Exception {
    Path source = SFTP.root().resolve("out/report.csv");
    String sha = sha256(source);
    long size = Files.size(source);
    orch.claims.put("abc-123", claim(SFTP_FOLDER, S3_FOLDER, "/out/report.csv", "/in/"));

    JsonNode job = runSeed002("abc-123");

    assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
    assertThat(job.path("exitCode").asInt()).as(job.toString()).isZero();
    assertThat(logText(job)).contains("transfer complete: /out/report.csv -> archive-s3/in/");
    assertThat(orch.calls("abc-123")).containsExactly(
        "POST /jobs/abc-123/claim Bearer " + ORCH_TOKEN, "POST /jobs/abc-123/report Bearer " + ORCH_TOKEN);
    JsonNode report = JSON.readTree(orch.reports.get("abc-123"));
    assertThat(report.path("jobId").asText()).isEqualTo("abc-123");
    assertThat(report.path("status").asText()).isEqualTo("completed");
    assertThat(report.path("agent").asText()).isEqualTo("aft");

    assertThat(s3Sha256("in/report.csv")).as("the object in the bucket").isEqualTo(sha);
    JsonNode transfers = job.path("transfers");
    assertThat(transfers.size()).as(transfers.toString()).isEqualTo(1);
    JsonNode t = transfers.get(0);
    assertThat(t.path("source").asText()).isEqualTo("partner-sftp:/out/report.csv");
    assertThat(t.path("destination").asText()).isEqualTo("archive-s3:/in/report.csv");
    assertThat(t.path("bytes").asLong()).isEqualTo(size);
    assertThat(t.path("sha256").asText()).isEqualTo(sha);
    assertThat(t.path("ok").asBoolean()).isTrue();
    assertThat(t.path("error").isNull()).as(t.toString()).isTrue();
    assertNoSecrets(job.toString());
    assertNoSecrets(server.log());
  }

  // ---------------------------------------------------------------- 4. seed 002, failures

  @Test
  @Order(4)
  void seed002ReportsFailedWhenTheCopyFails() throws Exception {
    // a source that is not there, a VFS that is not in the library, a directory where the file goes
    orch.claims.put("abc-missing", claim(SFTP_FOLDER, S3_FOLDER, "/out/missing.csv", "/in-missing/"));
    orch.claims.put("abc-unknown", claim(SFTP_FOLDER, "no-such-vfs", "/out/report.csv", "/in-unknown/"));
    orch.claims.put("abc-clash", claim(SFTP_FOLDER, S3_FOLDER, "/out/report.csv", "/clash/"));
    S3.admin().putObject(b -> b.bucket(BUCKET).key("clash/report.csv/keep.txt"),
        RequestBody.fromString("in the way"));

    Map<String, String> ids = new LinkedHashMap<>();
    for (String jobId : List.of("abc-missing", "abc-unknown", "abc-clash")) ids.put(jobId, startSeed002(jobId));
    Map<String, JsonNode> jobs = new HashMap<>();
    ids.forEach((jobId, id) -> jobs.put(jobId, awaitJob(id, JOB_TIMEOUT)));

    SoftAssertions soft = new SoftAssertions();
    for (String jobId : ids.keySet()) {
      JsonNode job = jobs.get(jobId);
      soft.assertThat(job.path("status").asText()).as(jobId + ": " + job).isEqualTo("failed");
      soft.assertThat(job.path("exitCode").asInt()).as(jobId + ": " + job).isEqualTo(1);
      soft.assertThat(orch.calls(jobId)).as(jobId).containsExactly(
          "POST /jobs/" + jobId + "/claim Bearer " + ORCH_TOKEN, "POST /jobs/" + jobId + "/report Bearer " + ORCH_TOKEN);
      soft.assertThat(orch.reports.get(jobId)).as(jobId + " report").isNotNull();
      if (orch.reports.get(jobId) != null)
        soft.assertThat(JSON.readTree(orch.reports.get(jobId)).path("status").asText()).as(jobId).isEqualTo("failed");
      soft.assertThat(logText(job)).as(jobId).doesNotContain("transfer complete");
    }

    JsonNode missing = jobs.get("abc-missing");
    soft.assertThat(logText(missing)).as(missing.toString())
        .contains("transfer failed: partner-sftp: /out/missing.csv: no such file");
    soft.assertThat(missing.path("transfers").size()).as("no file was copied: " + missing).isZero();
    soft.assertThat(s3Keys("in-missing/")).isEmpty();

    JsonNode unknown = jobs.get("abc-unknown");
    soft.assertThat(logText(unknown)).as(unknown.toString())
        .contains("transfer failed: no-such-vfs: ").contains("VFS Library");
    soft.assertThat(unknown.path("transfers").size()).as(unknown.toString()).isZero();
    soft.assertThat(s3Keys("in-unknown/")).isEmpty();

    JsonNode clash = jobs.get("abc-clash");
    soft.assertThat(logText(clash)).as(clash.toString())
        .contains("transfer failed: archive-s3: /clash/report.csv").contains("directory");
    JsonNode attempted = clash.path("transfers");
    soft.assertThat(attempted.size()).as(attempted.toString()).isEqualTo(1);
    if (attempted.size() == 1) {
      JsonNode t = attempted.get(0);
      soft.assertThat(t.path("source").asText()).isEqualTo("partner-sftp:/out/report.csv");
      soft.assertThat(t.path("destination").asText()).isEqualTo("archive-s3:/clash/report.csv");
      soft.assertThat(t.path("ok").asBoolean()).as(t.toString()).isFalse();
      soft.assertThat(t.path("error").asText()).as(t.toString()).contains("/clash/report.csv").contains("directory");
      soft.assertThat(t.path("sha256").isNull()).as(t.toString()).isTrue();
    }
    soft.assertThat(s3Keys("clash/")).as("nothing but what was in the way")
        .containsExactly("clash/report.csv/keep.txt");
    soft.assertThat(server.log()).doesNotContain(ORCH_TOKEN);
    soft.assertAll();
  }

  // ---------------------------------------------------------------- 5. glob, local, FTP, S3 ops

  @Test
  @Order(5)
  void aStoredScriptCopiesByGlobRoundTripsThroughLocalAndFtpAndInspectsS3() throws Exception {
    addFolder("local-drop.json", Map.of("name", LOCAL_FOLDER, "description", "a directory on the server",
        "mapped_path", localRoot.toString(), "filesystem", Map.of("provider", 0)));
    addFolder("ftp-drop.json", Map.of("name", FTP_FOLDER, "filesystem", Map.of("provider", 7,
        "ftpconfig", Map.of("endpoint", "127.0.0.1:" + FTP.port(), "username", FtpTestServer.USER,
            "password", plain(FtpTestServer.PASSWORD)))));
    for (String name : List.of(LOCAL_FOLDER, FTP_FOLDER)) {
      Launch.Result test = ferry("folder", "test", name);
      assertThat(test.exitCode()).as(test.toString()).isZero();
    }

    String id = api.expect(201, "POST", "/v1/jobs", key, "{\"scriptName\":\"vfs tour\"}").get("id").asText();
    JsonNode job = awaitJob(id, JOB_TIMEOUT);
    assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
    JsonNode r = result(job);

    long report = Files.size(SFTP.root().resolve("out/report.csv"));
    long summary = Files.size(SFTP.root().resolve("out/summary.csv"));
    SoftAssertions soft = new SoftAssertions();
    // only the .csv files of /out, not notes.txt, not the subdirectory's file
    JsonNode glob = r.path("glob");
    soft.assertThat(glob.path("ok").asBoolean()).as(glob.toString()).isTrue();
    soft.assertThat(glob.path("count").asInt()).as(glob.toString()).isEqualTo(2);
    soft.assertThat(glob.path("bytes").asLong()).as(glob.toString()).isEqualTo(report + summary);
    soft.assertThat(texts(glob.path("files"))).containsExactlyInAnyOrder(
        "/out/report.csv -> /glob/report.csv " + report + " true",
        "/out/summary.csv -> /glob/summary.csv " + summary + " true");
    soft.assertThat(s3Keys("glob/").stream().filter(k -> !k.endsWith("/")).toList())
        .containsExactlyInAnyOrder("glob/report.csv", "glob/summary.csv");
    soft.assertThat(s3Sha256("glob/summary.csv")).isEqualTo(sha256(SFTP.root().resolve("out/summary.csv")));

    JsonNode dir = r.path("readDir");
    soft.assertThat(dir.path("ok").asBoolean()).as(dir.toString()).isTrue();
    soft.assertThat(texts(dir.path("entries"))).containsExactlyInAnyOrder(
        "report.csv:" + report + ":false", "summary.csv:" + summary + ":false");
    JsonNode stat = r.path("stat");
    soft.assertThat(stat.path("ok").asBoolean()).as(stat.toString()).isTrue();
    soft.assertThat(stat.path("name").asText()).isEqualTo("summary.csv");
    soft.assertThat(stat.path("size").asLong()).isEqualTo(summary);
    soft.assertThat(stat.path("isDir").asBoolean()).isFalse();
    soft.assertThat(stat.path("modified").asText()).as(stat.toString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    soft.assertThat(r.path("statDir").path("isDir").asBoolean()).as(r.toString()).isTrue();
    soft.assertThat(r.path("statMissing").path("ok").asBoolean()).as(r.toString()).isFalse();
    soft.assertThat(r.path("statMissing").path("error").asText()).as(r.toString())
        .contains("archive-s3").contains("/glob/notes.txt");
    soft.assertThat(r.path("exists").path("csv").asBoolean()).as(r.toString()).isTrue();
    soft.assertThat(r.path("exists").path("txt").asBoolean()).as(r.toString()).isFalse();
    soft.assertThat(r.path("exists").path("dir").asBoolean()).as(r.toString()).isTrue();

    // S3 -> local directory -> S3, byte for byte
    String summarySha = sha256(SFTP.root().resolve("out/summary.csv"));
    soft.assertThat(r.path("toLocal").path("ok").asBoolean()).as(r.toString()).isTrue();
    soft.assertThat(r.path("backToS3").path("ok").asBoolean()).as(r.toString()).isTrue();
    Path landed = localRoot.resolve("roundtrip/summary.csv");
    soft.assertThat(landed).exists();
    if (Files.exists(landed)) soft.assertThat(sha256(landed)).isEqualTo(summarySha);
    soft.assertThat(s3Sha256("back/summary.csv")).isEqualTo(summarySha);

    // SFTP -> FTP
    soft.assertThat(r.path("toFtp").path("ok").asBoolean()).as(r.toString()).isTrue();
    Path onFtp = FTP.root().resolve("incoming/report.csv");
    soft.assertThat(onFtp).exists();
    if (Files.exists(onFtp)) soft.assertThat(sha256(onFtp)).isEqualTo(sha256(SFTP.root().resolve("out/report.csv")));

    List<String> recorded = new ArrayList<>();
    job.path("transfers").forEach(t -> recorded.add(t.path("source").asText() + " -> "
        + t.path("destination").asText() + " " + t.path("ok").asBoolean()));
    soft.assertThat(recorded).containsExactlyInAnyOrder(
        "partner-sftp:/out/report.csv -> archive-s3:/glob/report.csv true",
        "partner-sftp:/out/summary.csv -> archive-s3:/glob/summary.csv true",
        "archive-s3:/glob/summary.csv -> local-drop:/roundtrip/summary.csv true",
        "local-drop:/roundtrip/summary.csv -> archive-s3:/back/summary.csv true",
        "partner-sftp:/out/report.csv -> ftp-drop:/incoming/report.csv true");
    soft.assertThat(job.toString()).doesNotContain(FtpTestServer.PASSWORD);
    soft.assertThat(server.log()).doesNotContain(FtpTestServer.PASSWORD);
    soft.assertAll();
  }

  // ---------------------------------------------------------------- 6. sizes

  @Test
  @Order(6)
  void emptyOneByteAndHundredMibFilesArriveByteIdentical() throws Exception {
    long[] sizes = {0, 1, 100 * MIB};
    Path big = Files.createDirectories(SFTP.root().resolve("big"));
    for (long size : sizes) {
      try (InputStream in = TestData.stream(size, 1000 + size)) {
        Files.copy(in, big.resolve("size-" + size + ".bin"));
      }
    }
    Map<Long, String> ids = new LinkedHashMap<>();
    for (long size : sizes) {
      String params = JSON.writeValueAsString(Map.of("from", SFTP_FOLDER, "to", S3_FOLDER,
          "path", "/big/size-" + size + ".bin", "dir", "/sizes"));
      ids.put(size, api.expect(201, "POST", "/v1/jobs", key,
          "{\"scriptName\":\"Copy One\",\"params\":" + params + "}").get("id").asText());
    }
    for (long size : sizes) {
      JsonNode job = awaitJob(ids.get(size), Duration.ofSeconds(150));
      String expected = TestData.sha256(size, 1000 + size);
      assertThat(job.path("status").asText()).as(size + " bytes: " + job).isEqualTo("completed");
      assertThat(logText(job)).contains("copied 1 file(s), " + size + " bytes");
      JsonNode t = job.path("transfers").get(0);
      assertThat(job.path("transfers").size()).as(job.path("transfers").toString()).isEqualTo(1);
      assertThat(t.path("destination").asText()).isEqualTo("archive-s3:/sizes/size-" + size + ".bin");
      assertThat(t.path("bytes").asLong()).isEqualTo(size);
      assertThat(t.path("sha256").asText()).isEqualTo(expected);
      assertThat(t.path("ok").asBoolean()).isTrue();
      assertThat(S3.admin().headObject(b -> b.bucket(BUCKET).key("sizes/size-" + size + ".bin")).contentLength())
          .isEqualTo(size);
      assertThat(s3Sha256("sizes/size-" + size + ".bin")).as(size + " bytes in the bucket").isEqualTo(expected);
    }
    assertThat(S3.admin().listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
  }

  // ---------------------------------------------------------------- helpers

  /** Files on the SFTP server: CSVs (seeded, so every run has the same bytes) and some that globs skip. */
  private static void seedSftp() throws IOException {
    Path out = Files.createDirectories(SFTP.root().resolve("out/archive"));
    Files.writeString(out.getParent().resolve("report.csv"), csv(2000, 7));
    Files.writeString(out.getParent().resolve("summary.csv"), csv(50, 8));
    Files.writeString(out.getParent().resolve("notes.txt"), "not a csv\n");
    Files.writeString(out.resolve("old.csv"), csv(5, 9));
  }

  private static String csv(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("id,account,amount,currency\n");
    for (int i = 1; i <= rows; i++) {
      sb.append(i).append(",ACC-").append(random.nextInt(100_000)).append(',')
          .append(random.nextInt(1_000_000) / 100.0).append(random.nextBoolean() ? ",EUR" : ",USD").append('\n');
    }
    return sb.toString();
  }

  private static Map<String, Object> sftpFolder(List<String> fingerprints, Map<String, Object> password) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("endpoint", "127.0.0.1:" + SFTP.port());
    config.put("username", SftpTestServer.USER);
    config.put("password", password);
    if (!fingerprints.isEmpty()) config.put("fingerprints", fingerprints);
    Map<String, Object> folder = new LinkedHashMap<>();
    folder.put("name", SFTP_FOLDER);
    folder.put("description", "the partner's SFTP drop box");
    folder.put("filesystem", new LinkedHashMap<>(Map.of("provider", 5, "sftpconfig", config)));
    return folder;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sftpConfig(Map<String, Object> folder) {
    return (Map<String, Object>) ((Map<String, Object>) folder.get("filesystem")).get("sftpconfig");
  }

  private static Map<String, Object> s3Folder() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bucket", BUCKET);
    config.put("region", "us-east-1");
    config.put("endpoint", S3.config().endpoint());
    config.put("force_path_style", true);
    config.put("access_key", S3.config().accessKey());
    config.put("access_secret", plain(S3.config().accessSecret()));
    return Map.of("name", S3_FOLDER, "description", "the archive bucket",
        "filesystem", Map.of("provider", 1, "s3config", config));
  }

  private static Map<String, Object> plain(String secret) {
    return Map.of("status", "Plain", "payload", secret);
  }

  private static Path write(String file, Object json) throws IOException {
    return Files.writeString(tmp.resolve(file), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
  }

  /** {@code ferry folder add --json FILE}, which must succeed. */
  private static void addFolder(String file, Map<String, Object> folder) throws IOException {
    Launch.Result r = ferry("folder", "add", "--json", write(file, folder).toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("added folder " + folder.get("name"));
  }

  private static void putScript(String name, String source) throws IOException {
    Path file = Files.writeString(tmp.resolve(name.replace(' ', '-') + ".js"), source);
    Launch.Result r = ferry("script", "put", "--name", name, "-f", file.toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  /** {@code ferry <args>} in the directory that holds {@code ./ferry-data}. */
  private static Launch.Result ferry(String... args) {
    return SHARED.ferry(List.of(args), null);
  }

  /** The secrets the folders hold; none of them may be shown anywhere. */
  private static void assertNoSecrets(String shown) {
    assertThat(shown)
        .doesNotContain(SftpTestServer.PASSWORD)
        .doesNotContain(S3.config().accessSecret())
        .doesNotContain(ORCH_TOKEN);
  }

  private static void assertRedacted(JsonNode secret, String what) {
    assertThat(secret.isObject()).as(what + " is still a secret object: " + secret).isTrue();
    // the reference's whole Secret object, with nothing in its payload (issue 12)
    assertThat(secret.path("payload").asText("")).as(what + " shows no payload: " + secret).isEmpty();
    assertThat(secret.path("status").asText()).as(what + ": " + secret).isNotIn("Plain", "");
  }

  private static String claim(String sourceVfs, String destVfs, String sourcePath, String destDir) throws IOException {
    return JSON.writeValueAsString(Map.of("sourceVfs", sourceVfs, "destVfs", destVfs,
        "sourcePath", sourcePath, "destDir", destDir));
  }

  /** POST /v1/jobs with the seed's own body: the script id and params as a name/value list. */
  private static String startSeed002(String jobId) {
    return api.expect(201, "POST", "/v1/jobs", key, "{\"scriptId\":\"" + seedScriptId
        + "\",\"params\":[{\"name\":\"job_id\",\"value\":\"" + jobId + "\"}]}").get("id").asText();
  }

  private static JsonNode runSeed002(String jobId) {
    return awaitJob(startSeed002(jobId), JOB_TIMEOUT);
  }

  /** Polls a job until it ended; the answer has its log and transfers. */
  private static JsonNode awaitJob(String id, Duration timeout) {
    return Waits.until("job " + id + " to end", timeout, () -> {
      JsonNode j = api.expect(200, "GET", "/v1/adm/jobs/" + id, key, null);
      String s = j.path("status").asText();
      return s.equals("queued") || s.equals("running") ? null : j;
    });
  }

  private static String logText(JsonNode job) {
    StringBuilder sb = new StringBuilder();
    job.path("log").forEach(l -> sb.append(l.path("level").asText()).append(' ')
        .append(l.path("message").asText()).append('\n'));
    return sb.toString();
  }

  /** The JSON the tour script logged after {@code RESULT }. */
  private static JsonNode result(JsonNode job) throws IOException {
    for (JsonNode line : job.path("log")) {
      String m = line.path("message").asText();
      if (m.startsWith("RESULT ")) return JSON.readTree(m.substring("RESULT ".length()));
    }
    throw new AssertionError("the script logged no RESULT line:\n" + logText(job));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> s3Keys(String prefix) {
    return S3.admin().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
        .map(S3Object::key).toList();
  }

  /** The SHA-256 of an object, read back through s3proxy; "(missing)" when there is none. */
  private static String s3Sha256(String objectKey) throws IOException {
    try (ResponseInputStream<GetObjectResponse> in = S3.admin().getObject(b -> b.bucket(BUCKET).key(objectKey))) {
      return TestData.sha256(in);
    } catch (NoSuchKeyException e) {
      return "(missing)";
    }
  }

  private static String sha256(Path file) throws IOException {
    return TestData.sha256(Files.newInputStream(file));
  }

  /** A loopback port nobody listens on (bound, then released). */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * The orchestration API of seed 002: {@code POST /jobs/{id}/claim} answers the claim set for that
   * id, {@code POST /jobs/{id}/report} records the body; both want the Bearer token.
   */
  static final class Orchestration implements AutoCloseable {
    final Map<String, String> claims = new ConcurrentHashMap<>();
    final Map<String, String> reports = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final String token;
    private final HttpServer http;

    Orchestration(String token) throws IOException {
      this.token = token;
      this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext("/jobs/", this::handle);
      http.start();
    }

    String url() {
      return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The calls made for one job id, as "METHOD path Authorization". */
    List<String> calls(String jobId) {
      return calls.stream().filter(c -> c.contains("/jobs/" + jobId + "/")).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
      try (ex) {
        String path = ex.getRequestURI().getPath();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        calls.add(ex.getRequestMethod() + " " + path + " " + auth);
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
          body = in.readAllBytes();
        }
        Matcher m = Pattern.compile("^/jobs/([^/]+)/(claim|report)$").matcher(path);
        if (!("Bearer " + token).equals(auth)) {
          send(ex, 401, "{\"error\":\"bad token\"}");
        } else if (!m.matches() || !ex.getRequestMethod().equals("POST")) {
          send(ex, 404, "{\"error\":\"no such endpoint\"}");
        } else if (m.group(2).equals("claim")) {
          String claim = claims.get(m.group(1));
          if (claim == null) send(ex, 404, "{\"error\":\"no such job\"}");
          else send(ex, 200, claim);
        } else {
          reports.put(m.group(1), new String(body, StandardCharsets.UTF_8));
          send(ex, 204, null);
        }
      }
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
      if (json == null) {
        ex.sendResponseHeaders(status, -1);
        return;
      }
      byte[] b = json.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    }

    @Override
    public void close() {
      http.stop(0);
    }
  }
}
