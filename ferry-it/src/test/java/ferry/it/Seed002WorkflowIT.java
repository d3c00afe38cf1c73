package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.SharedServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed-002 workflow script, stored unchanged and triggered over REST, against an
 * orchestration API the test runs: it claims with a Bearer token from the secrets store, tries the
 * transfer, and always reports.
 */
class Seed002WorkflowIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final SharedServer SHARED = new SharedServer();

  @Test
  void theScriptClaimsAndAlwaysReportsEvenWhenTheTransferFails() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    List<String> reports = new CopyOnWriteArrayList<>();
    HttpServer orch = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    orch.createContext("/jobs/", ex -> {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      calls.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " " + auth);
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (ex.getRequestURI().getPath().endsWith("/claim")) {
        byte[] claim = "{\"sourceVfs\":\"partner-sftp\",\"destVfs\":\"archive-s3\",\"sourcePath\":\"/out/report.csv\",\"destDir\":\"/in/\"}"
            .getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, claim.length);
        ex.getResponseBody().write(claim);
      } else {
        reports.add(new String(body, StandardCharsets.UTF_8));
        ex.sendResponseHeaders(204, -1);
      }
      ex.close();
    });
    orch.start();
    // the seed's script verbatim, kept once in the repo (ferry-script checks it against the seed)
    String script = Files.readString(
        Launch.repoRoot().resolve("ferry-script/src/test/resources/seeds/002-claim-transfer-report.js"));
    try {
      FerryProcess server = SHARED.process();
      String admin = server.cliKey();
      var api = server.api();
      // created here, or updated: VfsLibraryIT runs the same seed script on the shared server
      putSecret(api, admin, "orch-api-url", "http://127.0.0.1:" + orch.getAddress().getPort());
      putSecret(api, admin, "orch-api-token", "tok-123");
      String scriptId = api.expect(201, "POST", "/v1/adm/scripts", admin,
          JSON.writeValueAsString(Map.of("name", "Workflow", "source", script))).get("id").asText();
      String key = api.expect(201, "POST", "/v1/adm/apikeys", admin, "{\"name\":\"orch\"}").get("key").asText();

      String id = api.expect(201, "POST", "/v1/jobs", key,
          "{\"scriptId\":\"" + scriptId + "\",\"params\":[{\"name\":\"job_id\",\"value\":\"abc-123\"}]}").get("id").asText();
      JsonNode done = api.awaitJobEnd(id, key);

      assertThat(calls).containsExactly(
          "POST /jobs/abc-123/claim Bearer tok-123", "POST /jobs/abc-123/report Bearer tok-123");
      JsonNode report = JSON.readTree(reports.get(0));
      assertThat(report.get("jobId").asText()).isEqualTo("abc-123");
      assertThat(report.get("status").asText()).isEqualTo("failed");
      assertThat(report.get("agent").asText()).isEqualTo("aft");
      assertThat(done.get("status").asText()).isEqualTo("failed");
      assertThat(done.get("exitCode").asInt()).isEqualTo(1);
      assertThat(done.get("log").toString()).contains("transfer");

      String missing = api.expect(201, "POST", "/v1/jobs", key, "{\"scriptId\":\"" + scriptId + "\"}").get("id").asText();
      JsonNode refused = api.awaitJobEnd(missing, key);
      assertThat(refused.get("exitCode").asInt()).isEqualTo(1);
      assertThat(refused.get("log").toString()).contains("job_id parameter is required");
      assertThat(server.log()).doesNotContain("tok-123");
    } finally {
      orch.stop(0);
    }
  }

  private static void putSecret(Api api, String admin, String name, String value) throws Exception {
    Api.Response r = api.call("PUT", "/v1/adm/secrets/" + name, admin, JSON.writeValueAsString(Map.of("value", value)));
    assertThat(r.status()).as(r.toString()).isIn(200, 201);
  }
}
