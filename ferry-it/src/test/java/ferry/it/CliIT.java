package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ferry} CLI, run as its own process against a real {@code ferry serve}, the way
 * seed 001 (with {@code ferry} for {@code aft}) and seed 002 show it and a new user would type it.
 *
 * <p>The server's data dir is {@code <tmp>/ferry-data} and most commands run with {@code <tmp>} as
 * their working directory, so they find it by the default {@code ./ferry-data}, as in the README's
 * tour; some pass {@code --data-dir} or {@code FERRY_DATA_DIR} from another directory instead. The
 * last two tests stop the server, so the methods run in a fixed order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final String SECRET_VALUE = "s3cr3t-Value-4711";
  private static final String BACKUP_SOURCE = """
      Log.Info("destination=" + Params("destination") + " character=" + Param("character"));
      Log.Info("job_id=" + Params("job_id"));
      """;

  @TempDir static Path tmp;
  static Path dataDir;
  static Path elsewhere;
  static FerryProcess server;
  static Api api;
  static String admin;
  static String key;
  static String backupId;

  @BeforeAll
  static void start() throws Exception {
    dataDir = tmp.resolve("ferry-data");
    elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    server = FerryProcess.start(dataDir);
    api = server.api();
    admin = server.cliKey();

    // README tour: KEY=$(./ferry apikey create --name tour --json | ...), run next to ./ferry-data
    Launch.Result created = ferry("apikey", "create", "--name", "seed-001", "--json");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.err()).as(created.toString()).contains("shown only this once");
    JsonNode record = JSON.readTree(created.out());
    key = record.path("key").asText();
    assertThat(key).as(created.toString()).startsWith(record.path("id").asText() + ".");

    Path backup = Files.writeString(tmp.resolve("backup.js"), BACKUP_SOURCE);
    Launch.Result put = ferry("script", "put", "--name", "My Backup Job", "-f", backup.toString());
    assertThat(put.exitCode()).as(put.toString()).isZero();
    Matcher m = Pattern.compile("created script My Backup Job \\(id (\\S+)\\)").matcher(put.out());
    assertThat(m.find()).as(put.toString()).isTrue();
    backupId = m.group(1);

    putScript("Fails with Exit", "Log.Info('about to fail'); Exit(1); Log.Info('never');");
    putScript("Throws", "Log.Info('before the throw');\nthrow new Error('partner unreachable');\n");
    putScript("Reads secret", "var v = GetSecret('orch-api-token');\n"
        + "Log.Info(v === '" + SECRET_VALUE + "' ? 'secret matches' : 'secret differs, length ' + v.length);");
    putScript("Sleeper", "Log.Info('sleeping'); Sleep(60000); Log.Info('woke up');");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  // ---------------------------------------------------------------- help

  @Test
  @Order(1)
  void helpDescribesTheCommandsAndStartsOptions() {
    Launch.Result top = ferry("--help");
    assertThat(top.exitCode()).as(top.toString()).isZero();
    assertThat(top.out()).contains("serve", "start", "run", "apikey", "script", "secret", "settings", "job");

    Launch.Result start = ferry("start", "--help");
    assertThat(start.exitCode()).as(start.toString()).isZero();
    assertThat(start.out())
        .contains("-n", "-sn", "--scriptname", "-s", "--scriptid", "-a", "--apikey", "--params",
            "--host", "127.0.0.1:44399", "--wait", "--insecure", "--data-dir")
        .contains("POST /v1/jobs");
  }

  // ---------------------------------------------------------------- admin commands

  @Test
  @Order(2)
  void apikeyListShowsTheKeysButNeverTheirSecrets() {
    Launch.Result list = ferry("apikey", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    String id = key.substring(0, key.indexOf('.'));
    String secretPart = key.substring(key.indexOf('.') + 1);
    assertThat(list.out()).contains("seed-001", id, "active");
    assertThat(list.out() + list.err()).doesNotContain(secretPart);
    JsonNode keys = api.expect(200, "GET", "/v1/adm/apikeys", admin, null);
    assertThat(keys.toString()).contains("\"seed-001\"").doesNotContain(secretPart);
  }

  @Test
  @Order(3)
  void scriptPutListGetDelete() throws Exception {
    // from another directory, with --data-dir
    Launch.Result list = ferryIn(elsewhere, Map.of(), "script", "list", "--data-dir", dataDir.toString());
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).contains("My Backup Job", backupId, "Fails with Exit", "Sleeper");

    // with FERRY_DATA_DIR, the name in any case
    Launch.Result get = ferryIn(elsewhere, Map.of("FERRY_DATA_DIR", dataDir.toString()), "script", "get", "my backup JOB");
    assertThat(get.exitCode()).as(get.toString()).isZero();
    assertThat(get.out()).isEqualTo(BACKUP_SOURCE);

    Path scratch = Files.writeString(tmp.resolve("scratch.js"), "Log.Info('scratch v2');\n");
    putScript("Scratch", "Log.Info('scratch v1');");
    Launch.Result update = ferry("script", "put", "--name", "scratch", "-f", scratch.toString());
    assertThat(update.exitCode()).as(update.toString()).isZero();
    assertThat(update.out()).contains("updated script");
    assertThat(api.expect(200, "GET", "/v1/adm/scripts/Scratch", admin, null).get("source").asText())
        .isEqualTo("Log.Info('scratch v2');\n");

    Launch.Result delete = ferry("script", "delete", "Scratch");
    assertThat(delete.exitCode()).as(delete.toString()).isZero();
    assertThat(delete.out()).contains("deleted script Scratch");
    assertThat(api.get("/v1/adm/scripts/Scratch", admin).status()).isEqualTo(404);
  }

  // ---------------------------------------------------------------- seed 001 / 002: ferry start

  @Test
  @Order(10)
  void seed001MinimalStartPrintsTheJobIdAndTheJobCompletes() {
    Launch.Result r = ferry("start", "-n", "My Backup Job", "-a", key, "--host", server.hostPort());
    JsonNode done = startedJob(r);
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.get("exitCode").asInt()).isZero();
    assertThat(done.get("trigger").asText()).isEqualTo("api");
    assertThat(done.get("scriptId").asText()).isEqualTo(backupId);
    assertThat(logText(done)).contains("destination= character=");
  }

  @Test
  @Order(11)
  void seed001PowerShellSpellingSn() {
    Launch.Result r = ferry("start", "-sn", "My Backup Job", "-a", key, "--host", server.hostPort());
    JsonNode done = startedJob(r);
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.get("scriptName").asText()).isEqualTo("My Backup Job");
  }

  @Test
  @Order(12)
  void seed001ParamsObjectAndHost() {
    Launch.Result r = ferry("start", "-n", "My Backup Job", "-a", key,
        "--params", "{\"character\":\"goofy\"}", "--host", "127.0.0.1:" + port());
    JsonNode done = startedJob(r);
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.get("params").get("character").asText()).isEqualTo("goofy");
    assertThat(logText(done)).contains("character=goofy");
  }

  @Test
  @Order(13)
  void seed001PowerShellParamsArray() {
    Launch.Result r = ferry("start", "-sn", "My Backup Job", "-a", key,
        "--params", "[{\"name\":\"character\",\"value\":\"goofy\"}]", "--host", "127.0.0.1:" + port());
    JsonNode done = startedJob(r);
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(logText(done)).contains("character=goofy");
  }

  @Test
  @Order(14)
  void seed002ScriptIdApikeyAndParamsArray() {
    Launch.Result r = ferry("start", "--scriptid", backupId, "--apikey", key,
        "--params", "[{\"name\":\"job_id\",\"value\":\"abc-123\"}]", "--host", server.hostPort());
    JsonNode done = startedJob(r);
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.get("scriptId").asText()).isEqualTo(backupId);
    assertThat(logText(done)).contains("job_id=abc-123");
  }

  @Test
  @Order(15)
  void startWaitStreamsTheLogAndExitsZeroWhenTheJobCompletes() {
    Launch.Result r = ferry("start", "-n", "My Backup Job", "-a", key, "--host", server.hostPort(),
        "--params", "{\"destination\":\"/archive/2026\",\"character\":\"goofy\"}", "--wait");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).as(r.toString())
        .containsPattern("(?m)^\\S+ INFO +destination=/archive/2026 character=goofy$")
        .containsPattern("(?m)^\\S+ INFO +job_id=$");
    // the id comes first, for `ferry job get` (issue 11 item 8)
    String first = r.out().lines().findFirst().orElse("");
    assertThat(first).as(r.toString()).matches("job " + JOB_ID.pattern());
    Launch.Result get = ferry("job", "get", first.substring("job ".length()));
    assertThat(get.out()).as(get.toString()).containsPattern("(?m)^status: +completed$").contains("transfers: none");
  }

  @Test
  @Order(16)
  void startWaitExitsOneWhenTheScriptExitsOne() {
    Launch.Result r = ferry("start", "-n", "fails with exit", "-a", key, "--host", server.hostPort(), "--wait");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).as(r.toString()).contains("about to fail").doesNotContain("never");
    assertThat(r.err()).as(r.toString()).contains("failed with exit code 1");
  }

  @Test
  @Order(17)
  void startWaitExitsOneWhenTheScriptThrows() {
    Launch.Result r = ferry("start", "-n", "Throws", "-a", key, "--host", server.hostPort(), "--wait");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).as(r.toString()).contains("before the throw");
    assertThat(r.err()).as(r.toString()).contains("failed").contains("partner unreachable");
  }

  @Test
  @Order(18)
  void aRevokedKeyIsRefusedByStartWithAClearMessage() {
    Launch.Result created = ferry("apikey", "create", "--name", "to-revoke");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    Matcher id = Pattern.compile("(?m)^id: +(\\S+)$").matcher(created.out());
    Matcher secret = Pattern.compile("(?m)^key: +(\\S+)$").matcher(created.out());
    assertThat(id.find() && secret.find()).as(created.toString()).isTrue();
    String revokedKey = secret.group(1);
    assertThat(revokedKey).startsWith(id.group(1) + ".");
    // the fresh key works
    api.expect(200, "GET", "/v1/adm/jobs?limit=1", revokedKey, null);

    Launch.Result revoke = ferry("apikey", "revoke", id.group(1));
    assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
    assertThat(revoke.out()).contains("revoked API key " + id.group(1));

    long before = jobCount();
    Launch.Result refused = ferry("start", "-n", "My Backup Job", "-a", revokedKey, "--host", server.hostPort());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err()).as(refused.toString()).contains("to-revoke").contains("revoked").contains("401");
    assertThat(refused.out()).as(refused.toString()).doesNotContainPattern(JOB_ID);
    assertThat(jobCount()).isEqualTo(before);
  }

  @Test
  @Order(19)
  void startWithoutHostCalls127001OnServesPort() throws Exception {
    // not the real default 44399, which a user's `ferry serve` may hold (StartCommandTest checks
    // it), but the port FERRY_HTTP_PORT gives serve, which start then calls too
    try (ServerSocket l = new ServerSocket()) {
      l.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      String port = String.valueOf(l.getLocalPort());
      // a fake listener there: the CLI's TLS ClientHello proves where it connected
      CompletableFuture<Integer> firstByte = CompletableFuture.supplyAsync(() -> {
        try (Socket s = l.accept(); InputStream in = s.getInputStream()) {
          return in.read();
        } catch (IOException e) {
          return -2;
        }
      });
      Launch.Result r = ferryIn(tmp, Map.of("FERRY_HTTP_PORT", port), "start", "-n", "My Backup Job", "-a", key);
      assertThat(firstByte.get(30, TimeUnit.SECONDS)).as(r.toString()).isEqualTo(0x16);
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).as(r.toString()).contains("127.0.0.1:" + port);
    }
  }

  // ---------------------------------------------------------------- secrets, jobs

  @Test
  @Order(20)
  void secretSetListAndAScriptReadsIt() {
    Launch.Result set = ferry("secret", "set", "orch-api-token", "--value", SECRET_VALUE);
    assertThat(set.exitCode()).as(set.toString()).isZero();
    assertThat(set.out()).contains("created secret orch-api-token");

    Launch.Result list = ferry("secret", "list");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).contains("orch-api-token");
    assertThat(list.out() + list.err()).doesNotContain(SECRET_VALUE);

    Launch.Result run = ferry("start", "-n", "Reads secret", "-a", key, "--host", server.hostPort(), "--wait");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).as(run.toString()).contains("secret matches");
    assertThat(server.log()).doesNotContain(SECRET_VALUE);
  }

  @Test
  @Order(21)
  void jobListGetAndCancel() {
    String id = api.expect(201, "POST", "/v1/jobs", key, "{\"scriptName\":\"Sleeper\"}").get("id").asText();
    Waits.until("the sleeper to log", Duration.ofSeconds(30),
        () -> logText(api.expect(200, "GET", "/v1/adm/jobs/" + id, key, null)).contains("sleeping") ? true : null);

    Launch.Result list = ferry("job", "list", "--status", "running");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).as(list.toString()).containsPattern("(?m)^" + Pattern.quote(id) + " +Sleeper +running +api");

    Launch.Result get = ferryIn(elsewhere, Map.of("FERRY_DATA_DIR", dataDir.toString()), "job", "get", id);
    assertThat(get.exitCode()).as(get.toString()).isZero();
    assertThat(get.out()).as(get.toString())
        .containsPattern("(?m)^id: +" + Pattern.quote(id) + "$")
        .containsPattern("(?m)^script: +Sleeper$")
        .containsPattern("(?m)^status: +running$")
        .contains("INFO  sleeping");

    // a running job stops at its next step; --wait waits for that and exits as the job ended
    Launch.Result cancel = ferry("job", "cancel", id, "--wait");
    assertThat(cancel.exitCode()).as(cancel.toString()).isEqualTo(1);
    assertThat(cancel.out().lines().toList()).as(cancel.toString())
        .containsExactly("job " + id + ": cancelling", "job " + id + ": cancelled");
    JsonNode done = api.expect(200, "GET", "/v1/adm/jobs/" + id, key, null);
    assertThat(done.get("status").asText()).isEqualTo("cancelled");
    assertThat(logText(done)).doesNotContain("woke up");

    Launch.Result again = ferry("job", "cancel", id);
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
    assertThat(again.err()).as(again.toString()).contains("409");
  }

  @Test
  @Order(22)
  void aCopyJobsFilesAndTheirSha256AreShownByJobGet() throws Exception {
    // the README tour: two folders of the VFS Library and a script copying between them
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    Path outbox = Files.createDirectories(tmp.resolve("outbox"));
    Files.writeString(inbox.resolve("a.csv"), "hello\n");
    for (Path dir : List.of(inbox, outbox)) {
      Path json = Files.writeString(tmp.resolve(dir.getFileName() + ".json"),
          "{\"name\":\"" + dir.getFileName() + "\",\"mapped_path\":\"" + dir + "\",\"filesystem\":{\"provider\":0}}");
      Launch.Result added = ferry("folder", "add", "--json", json.toString());
      assertThat(added.exitCode()).as(added.toString()).isZero();
    }
    putScript("copy", "var r = VirtualFSByName('inbox').CopyToVFS('/*.csv', VirtualFSByName('outbox'), '/in/');\n"
        + "if (!r.Ok()) { Log.Error(r.ErrorMsg()); Exit(1); }");

    Launch.Result start = ferry("start", "-n", "copy", "-a", key, "--host", server.hostPort(), "--wait");
    assertThat(start.exitCode()).as(start.toString()).isZero();
    String id = start.out().lines().findFirst().orElse("").substring("job ".length());
    Launch.Result get = ferry("job", "get", id);

    assertThat(get.exitCode()).as(get.toString()).isZero();
    // sha256("hello\n")
    assertThat(get.out()).as(get.toString()).containsPattern("(?m)^  ok +copy +inbox:/a.csv +outbox:/in/a.csv +6 +"
        + "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
  }

  @Test
  @Order(23)
  void aUsageErrorIsOneLineAndTheHelpToRead() {
    Launch.Result r = ferry("start", "-n", "My Backup Job");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList()).as(r.toString()).containsExactly(
        "ferry: Missing required option: '--apikey=KEY' (needed by ferry start)",
        "Try 'ferry help start' for its options and examples.");
  }

  @Test
  @Order(24)
  void aBrokenJsonFileIsReportedWithItsLineAndUserUpdateTakesUsername() throws Exception {
    Path broken = Files.writeString(tmp.resolve("cli-user.json"), "{\n  \"username\": \"cli-user\",\n}\n");
    Launch.Result bad = ferry("user", "add", "--json", broken.toString());
    assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(1);
    assertThat(bad.err().strip()).as(bad.toString()).isEqualTo(
        "ferry: " + broken + " line 3, column 1: unexpected '}': expected a field name in double quotes");

    Path home = Files.createDirectories(tmp.resolve("cli-user-home"));
    Launch.Result add = ferry("user", "add", "--username", "cli-user", "--password", "Cli-user-Passw0rd",
        "--home-dir", home.toString(), "--permissions", "/=*");
    assertThat(add.exitCode()).as(add.toString()).isZero();
    Launch.Result update = ferry("user", "update", "--username", "cli-user", "--quota-size", "1048576");
    assertThat(update.exitCode()).as(update.toString()).isZero();
    assertThat(update.out().strip()).isEqualTo("updated user cli-user");
    assertThat(api.expect(200, "GET", "/v1/adm/users/cli-user", admin, null).path("quota_size").asLong())
        .isEqualTo(1048576);
  }

  // ---------------------------------------------------------------- TLS trust

  @Test
  @Order(30)
  void withoutTheDataDirsCertificateStartFailsAndSuggestsInsecure() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty-data"));
    Launch.Result refused = ferryIn(elsewhere, Map.of(), "start", "-n", "My Backup Job", "-a", key,
        "--host", server.hostPort(), "--data-dir", empty.toString());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err()).as(refused.toString()).contains("TLS").contains("--insecure");
    assertThat(refused.out()).doesNotContainPattern(JOB_ID);

    Launch.Result insecure = ferryIn(elsewhere, Map.of(), "start", "-n", "My Backup Job", "-a", key,
        "--host", server.hostPort(), "--data-dir", empty.toString(), "--insecure");
    JsonNode done = startedJob(insecure);
    assertThat(done.get("status").asText()).isEqualTo("completed");
  }

  // ---------------------------------------------------------------- ferry run

  @Test
  @Order(90)
  void runIsRefusedUntilAllowedThenDelegatesToTheRunningServer() throws Exception {
    Path transfer = Files.writeString(tmp.resolve("my-transfer.syncjs"),
        "Log.Info('copying to ' + Params('destination'));\nLog.Warn('token ' + GetSecret('run-token') + ' ' + GetSecret('run-token').length);\n");
    Path failing = Files.writeString(tmp.resolve("failing.syncjs"),
        "Log.Info('starting');\nLog.Error('destination is required');\nExit(1);\n");

    assertThat(api.call("PUT", "/v1/adm/secrets/run-token", admin, "{\"value\":\"from-the-store\"}").status()).isEqualTo(201);

    Launch.Result settings = ferry("settings", "get");
    assertThat(settings.exitCode()).as(settings.toString()).isZero();
    assertThat(settings.out()).containsPattern("(?m)^allow-cli-run +false$");

    long before = jobCount();
    Launch.Result refused = ferry("run", "-f", transfer.toString());
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err()).as(refused.toString()).contains("Allow CLI Run").contains("allow-cli-run true");
    assertThat(jobCount()).isEqualTo(before);

    Launch.Result enable = ferry("settings", "set", "allow-cli-run", "true");
    assertThat(enable.exitCode()).as(enable.toString()).isZero();
    assertThat(enable.out()).contains("allow-cli-run = true");
    assertThat(api.expect(200, "GET", "/v1/adm/settings", admin, null).get("allowCliRun").asBoolean()).isTrue();

    Launch.Result ok = ferryIn(elsewhere, Map.of("FERRY_DATA_DIR", dataDir.toString()),
        "run", "-f", transfer.toString(), "-p", "{\"destination\":\"/archive/2026\"}");
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(ok.out()).as(ok.toString())
        .containsPattern("(?m)^\\S+ INFO +copying to /archive/2026$")
        // delegated: the script saw the server's secrets store
        .containsPattern("(?m)^\\S+ WARN +token \\*\\*\\* 14$");
    JsonNode delegated = newest();
    assertThat(delegated.get("trigger").asText()).isEqualTo("cli");
    assertThat(delegated.get("status").asText()).isEqualTo("completed");
    assertThat(delegated.get("params").get("destination").asText()).isEqualTo("/archive/2026");
    assertThat(logText(api.expect(200, "GET", "/v1/adm/jobs/" + delegated.get("id").asText(), admin, null)))
        .contains("copying to /archive/2026");

    Launch.Result bad = ferry("run", "-f", failing.toString());
    assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(1);
    assertThat(bad.out()).as(bad.toString()).contains("starting").contains("destination is required");
    JsonNode failed = newest();
    assertThat(failed.get("trigger").asText()).isEqualTo("cli");
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("exitCode").asInt()).isEqualTo(1);
  }

  @Test
  @Order(100)
  void withTheServerStoppedRunUsesTheEmbeddedDatabaseAndTheJobIsRecorded() throws Exception {
    if (!api.expect(200, "GET", "/v1/adm/settings", admin, null).get("allowCliRun").asBoolean())
      api.expect(200, "PATCH", "/v1/adm/settings", admin, "{\"allowCliRun\":true}");
    Path direct = Files.writeString(tmp.resolve("direct.syncjs"),
        "Log.Info('direct to ' + Params('destination'));\n");
    Set<String> known = new HashSet<>();
    api.expect(200, "GET", "/v1/adm/jobs?limit=100", admin, null).get("items").forEach(j -> known.add(j.get("id").asText()));

    assertThat(server.stop()).as(server.log()).isZero();

    Launch.Result r = ferry("run", "-f", direct.toString(), "-p", "{\"destination\":\"/archive/2026\"}");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).as(r.toString()).containsPattern("(?m)^\\S+ INFO +direct to /archive/2026$");

    server = FerryProcess.start(dataDir);
    api = server.api();
    admin = server.cliKey();
    List<JsonNode> fresh = new ArrayList<>();
    api.expect(200, "GET", "/v1/adm/jobs?limit=100", admin, null).get("items").forEach(j -> {
      if (!known.contains(j.get("id").asText())) fresh.add(j);
    });
    assertThat(fresh).as(fresh.toString()).hasSize(1);
    JsonNode job = api.expect(200, "GET", "/v1/adm/jobs/" + fresh.get(0).get("id").asText(), admin, null);
    assertThat(job.get("trigger").asText()).isEqualTo("cli");
    assertThat(job.get("status").asText()).isEqualTo("completed");
    assertThat(job.get("exitCode").asInt()).isZero();
    assertThat(logText(job)).contains("direct to /archive/2026");
  }

  // ---------------------------------------------------------------- helpers

  /** {@code ferry <args>} in {@code <tmp>}, next to {@code ./ferry-data}. */
  static Launch.Result ferry(String... args) {
    return ferryIn(tmp, Map.of(), args);
  }

  static Launch.Result ferryIn(Path workDir, Map<String, String> env, String... args) {
    return Launch.run(List.of(args), new HashMap<>(env), workDir, null);
  }

  static int port() {
    String hp = server.hostPort();
    return Integer.parseInt(hp.substring(hp.lastIndexOf(':') + 1));
  }

  /** Checks that {@code ferry start} printed only a job id and exited 0, and waits for that job. */
  static JsonNode startedJob(Launch.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    String id = r.out().strip();
    assertThat(id).as(r.toString()).matches(JOB_ID);
    return api.awaitJobEnd(id, key);
  }

  static String putScript(String name, String source) throws Exception {
    String body = JSON.writeValueAsString(Map.of("name", name, "source", source));
    return api.expect(201, "POST", "/v1/adm/scripts", admin, body).get("id").asText();
  }

  /** The newest job in full (listings leave params and the log out). */
  static JsonNode newest() {
    String id = api.expect(200, "GET", "/v1/adm/jobs?limit=1", admin, null).get("items").get(0).get("id").asText();
    return api.expect(200, "GET", "/v1/adm/jobs/" + id, admin, null);
  }

  static long jobCount() {
    return api.expect(200, "GET", "/v1/adm/jobs?limit=1", admin, null).get("total").asLong();
  }

  static String logText(JsonNode job) {
    StringBuilder sb = new StringBuilder();
    job.path("log").forEach(l -> sb.append(l.get("level").asText()).append(' ').append(l.get("message").asText()).append('\n'));
    return sb.toString();
  }
}
