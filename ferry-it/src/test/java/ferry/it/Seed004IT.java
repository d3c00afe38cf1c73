package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.S3Server;
import ferry.it.support.SshClients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004 (issue 12): every curl example of the REST API text runs as its readers copy it, with real
 * {@code curl} and {@code jq} against a real {@code ferry serve}, only the host and the credentials
 * substituted. The examples live unchanged in src/test/resources/seed004; the S3 server of Case A
 * accepts the example's own access key and secret. Then the users the examples made really use their
 * storage (over REST and over OpenSSH {@code sftp}). Files crossing between REST and SFTP in both
 * directions on a local home are UserFilesIT's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Seed004IT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SEED_HOST = "https://sftpgo.example.com";
  /** The password every example user has in the seed. */
  private static final String USER_PW = "clear_text_complex_password";
  private static final String BUCKET = "testbucket";

  @TempDir static Path tmp;
  static FerryProcess server;
  static S3Server s3;
  static Api api;
  static String adminToken;
  static SshClients ssh;

  @BeforeAll
  static void start() throws Exception {
    // its own server: the seed's names (alice, testuser, BasicUsers, operator) are fixed
    server = FerryProcess.start(tmp.resolve("ferry-data"));
    api = server.api();
    ssh = new SshClients(server.sftpPort(), tmp);
    s3 = S3Server.start("myaccesskey", "myaccesssecret");
    s3.client().createBucket(b -> b.bucket(BUCKET)); // Case A's bucket exists before its user
    adminToken = adminToken();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
    if (s3 != null) s3.close();
  }

  // ------------------------------------------------------------------ admin token, Case A

  @Test
  @Order(1)
  void caseAStandaloneS3UserIsCreatedAndWritesIntoItsBucket() throws Exception {
    // the S3 server is on loopback, not AWS: the reference's S3Config has endpoint and force_path_style
    String caseA = substitute(seed("case-a-standalone-user.sh"), "\"bucket\": \"testbucket\",",
        "\"bucket\": \"testbucket\",\n\"endpoint\": \"" + s3.endpoint() + "\",\n\"force_path_style\": true,");
    Launch.Result r = bash(adminTokenScript() + caseA, dir("case-a"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).as(r.toString()).startsWith("Token acquired.\n");
    JsonNode created = JSON.readTree(r.out().substring("Token acquired.\n".length()));
    assertThat(created.path("username").asText()).as(r.toString()).isEqualTo("testuser_standalone");

    JsonNode user = adminGet("/api/v2/users/testuser_standalone");
    JsonNode s3config = user.path("filesystem").path("s3config");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(user.path("filesystem").path("provider").asInt()).isEqualTo(1);
    soft.assertThat(s3config.path("bucket").asText()).isEqualTo(BUCKET);
    soft.assertThat(s3config.path("region").asText()).isEqualTo("eu-central-1");
    soft.assertThat(s3config.path("key_prefix").asText()).isEqualTo("users/testuser_standalone/");
    soft.assertThat(s3config.path("access_key").asText()).isEqualTo("myaccesskey");
    // sealed, and never shown: the reference's SecretStatus of an encrypted secret, without its payload
    soft.assertThat(s3config.path("access_secret").path("status").asText()).as(s3config.toString()).isEqualTo("AES-256-GCM");
    soft.assertThat(s3config.path("access_secret").path("payload").asText()).as(s3config.toString()).isEmpty();
    soft.assertThat(user.toString()).doesNotContain("myaccesssecret").doesNotContain(USER_PW);
    soft.assertAll();

    // the user writes over REST and the object is in the bucket under the user's key prefix
    byte[] content = random(300_000, 1);
    Path local = Files.write(dir("case-a").resolve("report.bin"), content);
    Launch.Result up = bash(userUpload("testuser_standalone", "reports%2Fq1.bin", local), dir("case-a"));
    assertThat(up.exitCode()).as(up.toString()).isZero();
    assertThat(up.out()).as(up.toString()).endsWith("201");
    assertThat(s3Object("users/testuser_standalone/reports/q1.bin")).isEqualTo(content);
  }

  // ------------------------------------------------------------------ Case B

  @Test
  @Order(2)
  void caseBGroupUserStoresInTheFilesystemOfItsPrimaryGroup() throws Exception {
    // the seed says the group must exist first; it sets the S3 filesystem its members inherit
    Map<String, Object> s3config = new LinkedHashMap<>();
    s3config.put("bucket", BUCKET);
    s3config.put("region", "eu-central-1");
    s3config.put("endpoint", s3.endpoint());
    s3config.put("force_path_style", true);
    s3config.put("access_key", "myaccesskey");
    s3config.put("access_secret", Map.of("status", "Plain", "payload", "myaccesssecret"));
    s3config.put("key_prefix", "basic/%username%/");
    String group = JSON.writeValueAsString(Map.of("name", "BasicUsers", "description", "seed 004 Case B",
        "user_settings", Map.of("filesystem", Map.of("provider", 1, "s3config", s3config))));
    Api.Response g = api.callWithHeader("POST", "/api/v2/groups", "Authorization", "Bearer " + adminToken, group);
    assertThat(g.status()).as(g.toString()).isEqualTo(201);

    Launch.Result r = bash(adminTokenScript() + seed("case-b-group-user.sh"), dir("case-b"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode created = JSON.readTree(r.out().substring("Token acquired.\n".length()));
    assertThat(created.path("username").asText()).as(r.toString()).isEqualTo("testuser_group");
    assertThat(created.path("groups").toString()).contains("BasicUsers");
    JsonNode basicUsers = adminGet("/api/v2/groups/BasicUsers");
    assertThat(basicUsers.path("users").toString()).contains("testuser_group");
    assertThat(basicUsers.toString()).doesNotContain("myaccesssecret");

    // over SFTP, the file lands where the group's filesystem says, not in the dummy "invalid" bucket
    byte[] content = random(200_000, 2);
    Files.write(dir("case-b").resolve("upload.bin"), content);
    Launch.Result put = ssh.sftp("testuser_group", USER_PW, "put " + dir("case-b").resolve("upload.bin") + " inbox.bin");
    assertThat(put.exitCode()).as(put.toString()).isZero();
    assertThat(s3Object("basic/testuser_group/inbox.bin")).isEqualTo(content);
  }

  // ------------------------------------------------------------------ API keys

  @Test
  @Order(3)
  void apiKeyExamplesActAsTheBoundOrSuffixedAccount() throws Exception {
    Path aliceHome = Files.createDirectories(tmp.resolve("homes/alice"));
    Files.writeString(aliceHome.resolve("alice-was-here.txt"), "hi");
    adminPost("/api/v2/users", Map.of("status", 1, "username", "alice", "password", USER_PW,
        "home_dir", aliceHome.toString(), "permissions", Map.of("/", List.of("*")),
        "filters", Map.of("allow_api_key_auth", true)));
    adminPost("/api/v2/admins", Map.of("status", 1, "username", "operator", "password", "Operator-Pw-2026",
        "permissions", List.of("*"), "filters", Map.of("allow_api_key_auth", true)));

    String adminKey = createKey(Map.of("name", "ops bound", "scope", 1, "admin", "operator"));
    String userKey = createKey(Map.of("name", "alice bound", "scope", 2, "user", "alice"));
    String genericUserKey = createKey(Map.of("name", "any user", "scope", 2));
    String genericAdminKey = createKey(Map.of("name", "any admin", "scope", 1));

    // the four examples in the seed's order: bound admin key, bound user key, <key>.alice, <key>.operator
    String script = "ENDPOINT=\"" + server.url() + "\"\n" + seed("api-keys.sh");
    for (String key : List.of(adminKey, userKey, genericUserKey, genericAdminKey))
      script = script.replaceFirst("<your-api-key>", key);
    assertThat(script).doesNotContain("<your-api-key>");
    Launch.Result r = bash(script, dir("api-keys"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<JsonNode> answers = jsonDocuments(r.out());
    assertThat(answers).as(r.toString()).hasSize(4);
    SoftAssertions soft = new SoftAssertions();
    for (int i : new int[] {0, 3}) {
      soft.assertThat(answers.get(i).isArray()).as("answer %d: %s", i, answers.get(i)).isTrue();
      soft.assertThat(usernames(answers.get(i))).as("answer %d", i).contains("alice", "testuser_standalone");
    }
    for (int i : new int[] {1, 2}) {
      soft.assertThat(answers.get(i).isArray()).as("answer %d: %s", i, answers.get(i)).isTrue();
      soft.assertThat(answers.get(i).toString()).as("answer %d", i).contains("\"name\":\"alice-was-here.txt\"");
    }
    // the seed's rules around them: a generic key needs the suffix, a bound key ignores it
    soft.assertThat(api.callWithHeader("GET", "/api/v2/user/dirs", "X-SFTPGO-API-KEY", genericUserKey).status())
        .isEqualTo(401);
    Api.Response bound = api.callWithHeader("GET", "/api/v2/user/dirs", "X-SFTPGO-API-KEY", userKey + ".testuser");
    soft.assertThat(bound.status()).as(bound.toString()).isEqualTo(200);
    soft.assertThat(bound.body()).contains("alice-was-here.txt");
    soft.assertAll();
  }

  // ------------------------------------------------------------------ user script

  @Test
  @Order(4)
  void userScriptListsUploadsWithMkdirParentsAndDownloadsBack() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("homes/testuser"));
    adminPost("/api/v2/users", Map.of("status", 1, "username", "testuser", "password", USER_PW,
        "home_dir", home.toString(), "permissions", Map.of("/", List.of("*"))));

    Path work = dir("user-script");
    int scoreBefore = defenderScore(); // the API-key test's deliberate bad key may have scored
    Launch.Result r = bash(substitute(seed("user-files.sh"), SEED_HOST, server.url()), work);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).as(r.toString()).isEqualTo("""
        User Token acquired.
        --- Home Directory Contents ---
        []
        -------------------------------
        Uploading file...
        {"message":"Upload completed"}Downloading file...
        Download complete. Content:
        Hello SFTPGo""");
    // curl -d @file sends the file without its line ends: the server keeps exactly what was sent
    assertThat(Files.readString(work.resolve("downloaded_file.txt"))).isEqualTo("Hello SFTPGo");
    assertThat(Files.readString(home.resolve("my_subdir/uploaded_file.txt"))).isEqualTo("Hello SFTPGo");
    // curl --anyauth asks once without credentials before each token: that 401 is no failed login,
    // or every run of the script would bring the host closer to a ban
    assertThat(defenderScore()).as("the Defender's score of 127.0.0.1").isEqualTo(scoreBefore);
  }

  // ------------------------------------------------------------------ helpers

  /** The seed's common step with this server's host and admin password. */
  private static String adminTokenScript() throws IOException {
    return substitute(substitute(seed("admin-token.sh"), SEED_HOST, server.url()),
        "your_admin_password", FerryProcess.ADMIN_PASSWORD);
  }

  private static String adminToken() throws IOException {
    Launch.Result r = bash(adminTokenScript() + "echo \"${TOKEN}\"\n", dir("token"));
    String token = r.out().replace("Token acquired.\n", "").trim();
    assertThat(token).as(r.toString()).isNotEmpty().isNotEqualTo("null");
    return token;
  }

  /** Sets ENDPOINT and TOKEN for {@code user} the way the seed's user script does. */
  private static String userToken(String user) {
    return "ENDPOINT=\"" + server.url() + "\"\n"
        + "TOKEN=$(curl --anyauth -s -u \"" + user + ":" + USER_PW + "\" \"${ENDPOINT}/api/v2/user/token\" | jq -r .access_token)\n";
  }

  /** A raw-body upload of {@code file} to the URL-encoded {@code path}; prints the status code last. */
  private static String userUpload(String user, String encodedPath, Path file) {
    return userToken(user) + "curl -s -w '%{http_code}' -X POST -H \"Authorization: Bearer ${TOKEN}\" "
        + "--data-binary @" + file + " \"${ENDPOINT}/api/v2/user/files/upload?path=" + encodedPath + "&mkdir_parents=true\"";
  }

  private static JsonNode adminGet(String path) {
    Api.Response r = api.callWithHeader("GET", path, "Authorization", "Bearer " + adminToken);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private static JsonNode adminPost(String path, Object body) throws IOException {
    Api.Response r = api.callWithHeader("POST", path, "Authorization", "Bearer " + adminToken, JSON.writeValueAsString(body));
    assertThat(r.status()).as(path + ": " + r).isEqualTo(201);
    return r.json();
  }

  /** What the Defender holds against 127.0.0.1 (0 when nothing). */
  private static int defenderScore() {
    int score = 0;
    for (JsonNode host : adminGet("/api/v2/defender/hosts"))
      if (host.path("ip").asText().equals("127.0.0.1")) score += host.path("score").asInt();
    return score;
  }

  /** Creates an API key and returns it as shown once: {@code {"mesage": ..., "key": ...}}. */
  private static String createKey(Map<String, Object> key) throws IOException {
    String k = adminPost("/api/v2/apikeys", key).path("key").asText();
    assertThat(k).isNotEmpty();
    return k;
  }

  private static byte[] s3Object(String key) {
    return s3.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
  }

  private static List<String> usernames(JsonNode users) {
    List<String> names = new ArrayList<>();
    users.forEach(u -> names.add(u.path("username").asText()));
    return names;
  }

  /** The JSON documents jq printed one after the other. */
  private static List<JsonNode> jsonDocuments(String text) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = JSON.createParser(text)) {
      var it = JSON.readValues(parser, JsonNode.class);
      while (it.hasNext()) docs.add(it.next());
    }
    return docs;
  }

  private static String seed(String name) throws IOException {
    try (InputStream in = Seed004IT.class.getResourceAsStream("/seed004/" + name)) {
      assertThat(in).as("seed004/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Replaces {@code from}, which must be in {@code text}: the examples change only where meant to. */
  private static String substitute(String text, String from, String to) {
    assertThat(text).contains(from);
    return text.replace(from, to);
  }

  private static Path dir(String name) throws IOException {
    return Files.createDirectories(tmp.resolve("work").resolve(name));
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /**
   * Runs {@code script} with bash in {@code workDir}; curl trusts the server's self-signed
   * certificate through CURL_CA_BUNDLE, so the commands keep their exact flags.
   */
  private static Launch.Result bash(String script, Path workDir) {
    try {
      Path out = Files.createTempFile(tmp, "bash", ".out");
      Path err = Files.createTempFile(tmp, "bash", ".err");
      ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(workDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().put("CURL_CA_BUNDLE", server.certificate().toString());
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError("script did not finish in 120 s:\n" + script);
      }
      return new Launch.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run bash: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
