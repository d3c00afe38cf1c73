package ferry.server.web.automation;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.settings.RateLimitSettings;
import ferry.server.TestServers;
import ferry.server.api.ApiFixture;
import ferry.server.files.V2Client;
import ferry.server.web.WebClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's automation pages (issue 15): scripts, jobs with their live log, secrets, settings, pipelines. */
class WebAutomationTest {
  static ApiFixture api;
  static final String LIMITED = "auto-viewer";
  static final String LIMITED_PW = "Viewer-Passw0rd-1";

  @BeforeAll
  static void start(@TempDir Path dir) {
    api = ApiFixture.start(dir);
    api.customer("alice");
    ApiFixture.expect(api.client().post("/api/v2/admins", api.admin(), Map.of("username", LIMITED, "password",
        LIMITED_PW, "status", 1, "permissions", List.of("view_users"))), 201, "admin " + LIMITED);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static WebClient admin() {
    return WebClient.of(api.server()).loginAdmin(V2Client.ADMIN, TestServers.ADMIN_PASSWORD);
  }

  @Test
  void aSyntaxErrorIsShownAtItsLineAndColumnOnCheckAndOnSave() {
    WebClient web = admin();
    web.get("/web/admin/scripts/new");
    String broken = "Log.Info('one');\nvar x = ;\n";
    WebClient.Page check = web.htmx("POST", "/web/admin/scripts/check", Map.of("name", "broken", "source", broken));
    assertThat(check.status()).isEqualTo(422);
    assertThat(check.body()).contains("data-line=\"2\"").contains("Syntax error at line 2, column 9");

    WebClient.Page saved = web.postForm("/web/admin/scripts", Map.of("name", "broken", "source", broken));
    assertThat(saved.status()).isEqualTo(422);
    assertThat(saved.body()).contains("Syntax error at line 2, column").contains("var x = ;");
    assertThat(web.get("/web/admin/scripts").body()).doesNotContain(">broken<");

    WebClient.Page ok = web.htmx("POST", "/web/admin/scripts/check", Map.of("name", "fine", "source", "Exit(0);"));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).contains("No syntax errors.");
  }

  @Test
  void aScriptRunsAndItsLogStreamsUntilTheJobEnds() throws Exception {
    WebClient web = admin();
    web.get("/web/admin/scripts/new");
    WebClient.Page created = web.postForm("/web/admin/scripts", Map.of("name", "greeter",
        "source", "Log.Info('hello ' + Params('who'));\nLog.Info('second line');\nExit(3);\n"));
    assertThat(created.status()).as(created.body()).isEqualTo(303);
    String scriptPage = created.header("Location").replace("?saved=1", "");
    assertThat(web.get(scriptPage).body()).contains("greeter");
    WebClient.Page started = web.postForm(scriptPage + "/run", Map.of("params", "{\"who\": \"web\"}"));
    assertThat(started.status()).as(started.body()).isEqualTo(303);
    String jobPage = started.header("Location");
    assertThat(jobPage).startsWith("/web/admin/jobs/");

    HttpRequest req = HttpRequest.newBuilder(web.uri(jobPage + "/events")).GET().build();
    HttpResponse<InputStream> res = web.http().send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    List<String> lines = CompletableFuture.supplyAsync(() -> readUntilDone(res.body()))
        .get(60, TimeUnit.SECONDS);
    String stream = String.join("\n", lines);
    assertThat(stream).contains("event: log").contains("hello web").contains("second line");
    assertThat(stream).contains("event: status").contains("data-status=\"failed\"").contains("event: done");
    assertThat(stream.indexOf("hello web")).isLessThan(stream.indexOf("event: status"));

    WebClient.Page job = web.get(jobPage);
    assertThat(job.body()).contains("hello web").contains("class=\"exit-code\">3<").doesNotContain("sse-connect");
    WebClient.Page list = web.get("/web/admin/jobs?script=greeter&status=failed");
    assertThat(list.body()).contains(jobPage);
    assertThat(web.get("/web/admin/jobs?script=greeter&status=completed").body()).doesNotContain(jobPage);
  }

  @Test
  void theLiveLogEndsWhenTheAdminLogsOut() throws Exception {
    WebClient web = admin();
    web.get("/web/admin/scripts/new");
    WebClient.Page created = web.postForm("/web/admin/scripts", Map.of("name", "long-runner",
        "source", "for (var i = 0; i < 120; i++) { Log.Info('tick ' + i); Sleep(500); }\n"));
    String scriptPage = created.header("Location").replace("?saved=1", "");
    web.get(scriptPage);
    String jobPage = web.postForm(scriptPage + "/run", Map.of()).header("Location");
    HttpResponse<InputStream> res = web.http().send(HttpRequest.newBuilder(web.uri(jobPage + "/events")).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> readUntilDone(res.body()));
    web.get("/web/admin");
    assertThat(web.postForm("/web/admin/logout", Map.of()).status()).isEqualTo(303);
    List<String> lines = read.get(30, TimeUnit.SECONDS); // ends at the next session check, not after the job's minute
    assertThat(lines).doesNotContain("event: done");
    WebClient again = admin();
    again.get(jobPage);
    assertThat(again.postForm(jobPage + "/cancel", Map.of()).status()).isEqualTo(303);
    assertThat(again.get(jobPage).status()).isEqualTo(200); // cancelled, or cancelling until the worker stops it
  }

  private static List<String> readUntilDone(InputStream in) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      boolean done = false;
      while ((line = r.readLine()) != null) {
        lines.add(line);
        if (line.equals("event: done")) done = true;
        if (done && line.isEmpty()) break;
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return lines;
  }

  @Test
  void secretsAreNeverShownBackAfterSetOrRotate() {
    WebClient web = admin();
    web.get("/web/admin/secrets");
    String first = "first-Secret-Value-4711";
    WebClient.Page set = web.postForm("/web/admin/secrets", Map.of("name", "alice/partner-pub", "value", first));
    assertThat(set.status()).isEqualTo(303);
    WebClient.Page list = web.get(set.header("Location"));
    assertThat(list.body()).contains("alice/partner-pub").contains("saved").doesNotContain(first);
    assertThat(list.body()).contains("type=\"password\"").contains("autocomplete=\"off\"");
    String second = "second-Secret-Value-0815";
    WebClient.Page rotated = web.postForm("/web/admin/secrets", Map.of("name", "alice/partner-pub", "value", second));
    WebClient.Page after = web.get(rotated.header("Location"));
    assertThat(after.body()).contains("rotated").doesNotContain(second).doesNotContain(first);

    WebClient.Page bad = web.postForm("/web/admin/secrets", Map.of("name", "no spaces", "value", second));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("data-field=\"name\"").doesNotContain(second);

    WebClient.Page deleted = web.postForm("/web/admin/secrets/delete", Map.of("name", "alice/partner-pub"));
    assertThat(web.get(deleted.header("Location")).body()).contains("deleted");
  }

  static final String MAX = String.valueOf(RateLimitSettings.MAX);

  @Test
  void aSettingOutOfRangeIsRefusedBesideItsField() {
    WebClient web = admin();
    assertThat(web.get("/web/admin/settings").body()).contains("Allow CLI Run");
    WebClient.Page bad = web.postForm("/web/admin/settings", Map.of("allowCliRun", "on",
        "rateLimitPublic", "10", "rateLimitAuthenticated", "0", "rateLimitAgent", "300"));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("data-field=\"rateLimitAuthenticated\"").contains("Must be between 1 and");
    WebClient.Page notNumber = web.postForm("/web/admin/settings", Map.of(
        "rateLimitPublic", "ten", "rateLimitAuthenticated", "60", "rateLimitAgent", "300"));
    assertThat(notNumber.status()).isEqualTo(422);
    assertThat(notNumber.body()).contains("data-field=\"rateLimitPublic\"").contains("value=\"ten\"");
    assertThat(api.server().settings().get().allowCliRun()).isFalse();

    WebClient.Page ok = web.postForm("/web/admin/settings", Map.of("allowCliRun", "on",
        "rateLimitPublic", MAX, "rateLimitAuthenticated", MAX, "rateLimitAgent", MAX));
    assertThat(ok.status()).isEqualTo(303);
    assertThat(api.server().settings().get().allowCliRun()).isTrue();
    assertThat(api.server().settings().rateLimits().agentPerMinute()).isEqualTo(RateLimitSettings.MAX);
  }

  @Test
  void aPipelineMadeOnTheApiIsListedAndItsDryRunNamesTheLine() {
    String yaml = "source:\n  user: alice\n  path: /in\nsteps:\n  - type: gzip\ndestination:\n  user: alice\n  path: /out\n";
    String id = ApiFixture.expect(api.client().post("/api/pipelines", api.admin(), Map.of("identifier", "web-etl",
        "name", "Web ETL", "yaml", yaml)), 201, "pipeline").json().path("data").path("id").asText();
    WebClient web = admin();
    assertThat(web.get("/web/admin/pipelines").body()).contains("web-etl").contains("/web/admin/pipelines/" + id);
    WebClient.Page detail = web.get("/web/admin/pipelines/" + id);
    assertThat(detail.body()).contains("Web ETL").contains("type: gzip").contains("/versions/1");

    WebClient.Page valid = web.htmx("POST", "/web/admin/pipelines/dry-run", Map.of("yaml", yaml));
    assertThat(valid.status()).as(valid.body()).isEqualTo(200);
    assertThat(valid.body()).contains("The YAML is valid.");
    WebClient.Page invalid = web.htmx("POST", "/web/admin/pipelines/dry-run",
        Map.of("yaml", yaml.replace("gzip", "frobnicate")));
    assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
    assertThat(invalid.body()).contains("data-line=\"5\"").contains("Line 5, column");

    WebClient.Page run = web.postForm("/web/admin/pipelines/" + id + "/runs", Map.of());
    assertThat(run.status()).as(run.body()).isEqualTo(303);
    String runPage = run.header("Location");
    assertThat(runPage).startsWith("/web/admin/pipelines/" + id + "/runs/");
    assertThat(web.get(runPage).body()).contains("Run of Web ETL").contains("data-status=");
    assertThat(web.get("/web/admin/pipelines/" + id).body()).contains(runPage);
  }

  @Test
  void anAdminWithoutStarIsRefusedOnEveryPage() {
    WebClient web = WebClient.of(api.server()).loginAdmin(LIMITED, LIMITED_PW);
    for (String path : List.of("/web/admin/scripts", "/web/admin/scripts/new", "/web/admin/jobs",
        "/web/admin/secrets", "/web/admin/settings", "/web/admin/agents", "/web/admin/schedules",
        "/web/admin/pipelines")) {
      assertThat(web.get(path).status()).as(path).isEqualTo(403);
    }
    web.get("/web/admin");
    assertThat(web.postForm("/web/admin/secrets", Map.of("name", "x", "value", "y")).status()).isEqualTo(403);
    assertThat(web.htmx("POST", "/web/admin/scripts/check", Map.of("source", "x")).status()).isEqualTo(403);
  }

  @Test
  void pagesRenderInGerman() {
    WebClient web = admin();
    for (var e : Map.of("/web/admin/scripts", "Neues Skript", "/web/admin/jobs", "Gestartet durch",
        "/web/admin/secrets", "Geheimnis setzen", "/web/admin/settings", "CLI-Ausführung erlauben",
        "/web/admin/agents", "Neuer Registrierungscode", "/web/admin/schedules", "Geplante Jobs",
        "/web/admin/pipelines", "Kennung").entrySet()) {
      WebClient.Page p = web.send(HttpRequest.newBuilder(web.uri(e.getKey())).header("Accept-Language", "de").GET());
      assertThat(p.status()).as(e.getKey()).isEqualTo(200);
      assertThat(p.body()).as(e.getKey()).contains(e.getValue()).doesNotContain("??automation");
    }
    WebClient.Page refused = web.send(HttpRequest.newBuilder(web.uri("/web/admin/settings"))
        .header("Accept-Language", "de").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("rateLimitPublic=0&rateLimitAuthenticated=60&rateLimitAgent=300")));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("Erlaubt sind 1 bis 100000000 Anfragen pro Minute, nicht 0.");
  }

  @Test
  void anAgentCodeIsShownOnceAndMissingCustomerIsNamed() {
    WebClient web = admin();
    web.get("/web/admin/agents");
    WebClient.Page made = web.postForm("/web/admin/agents/codes", Map.of("customer", "alice"));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    assertThat(made.body()).contains("Registration code for alice").contains("secret-once");
    assertThat(web.get("/web/admin/agents").body()).doesNotContain("secret-once");
    WebClient.Page missing = web.postForm("/web/admin/agents/codes", Map.of("customer", ""));
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.body()).contains("data-field=\"customer\"");
  }

  @Test
  void aScheduledJobIsListedWithItsCronAndCanBeDisabledAndEnabled() {
    WebClient web = admin();
    web.get("/web/admin/scripts/new");
    assertThat(web.postForm("/web/admin/scripts", Map.of("name", "nightly", "source", "Exit(0);")).status())
        .isEqualTo(303);
    String id = ApiFixture.expect(api.client().post("/api/jobs", api.admin(), Map.of("name", "nightly-run",
        "schedule", "0 2 * * *", "scriptName", "nightly")), 201, "scheduled job").json().path("data").path("id").asText();
    WebClient.Page list = web.get("/web/admin/schedules");
    assertThat(list.body()).contains("nightly-run").contains("0 2 * * *").contains("/web/admin/schedules/" + id);
    WebClient.Page detail = web.get("/web/admin/schedules/" + id);
    assertThat(detail.body()).contains("Disable").contains("No runs yet.");
    WebClient.Page off = web.postForm("/web/admin/schedules/" + id + "/enabled", Map.of("enabled", "false"));
    assertThat(off.status()).isEqualTo(303);
    assertThat(api.client().get("/api/jobs/" + id, api.admin()).json().path("data").path("enabled").asBoolean(true))
        .isFalse();
    assertThat(web.get("/web/admin/schedules/" + id).body()).contains("Enable");
    web.postForm("/web/admin/schedules/" + id + "/enabled", Map.of("enabled", "true"));
    assertThat(api.client().get("/api/jobs/" + id, api.admin()).json().path("data").path("enabled").asBoolean())
        .isTrue();
  }
}
