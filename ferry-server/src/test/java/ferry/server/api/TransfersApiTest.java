package ferry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracked transfers on /api/transfers (contract 13): the server's own transfers listed with the
 * agents', tenancy, filters and paging.
 */
class TransfersApiTest {
  static ApiFixture api;
  static Auth alice;
  static Auth bob;

  @BeforeAll
  static void start(@TempDir Path dir) {
    api = ApiFixture.start(dir);
    alice = api.customer("alice");
    bob = api.customer("bob");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static Response upload(Auth who, String path, String content) {
    Response r = api.client().send("POST", "/api/v2/user/files/upload?path=" + path + "&mkdir_parents=true", who,
        HttpRequest.BodyPublishers.ofString(content), "application/octet-stream");
    return ApiFixture.expect(r, 201, "upload " + path);
  }

  static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  static JsonNode find(Response list, String sourceSuffix) {
    for (JsonNode t : list.json().path("data")) {
      if (t.path("sourceUrl").asText().endsWith(sourceSuffix)) return t;
    }
    return null;
  }

  @Test
  void anHttpUploadIsListedCompletedWithItsProtocolAndSha256ForItsCustomerOnly() throws Exception {
    String content = "id,amount\n1,42\n";
    upload(alice, "in/report.csv", content);

    Response asAdmin = ApiFixture.expect(api.client().get("/api/transfers?limit=100", api.admin()), 200, "list");
    JsonNode t = find(asAdmin, "/in/report.csv");
    assertThat(t).as(asAdmin.body()).isNotNull();
    assertThat(t.path("protocol").asText()).isEqualTo("HTTP");
    assertThat(t.path("direction").asText()).isEqualTo("upload");
    assertThat(t.path("status").asText()).isEqualTo("completed");
    assertThat(t.path("progress").asInt()).isEqualTo(100);
    assertThat(t.path("bytesTransferred").asLong()).isEqualTo(content.length());
    assertThat(t.path("size").asLong()).isEqualTo(content.length());
    assertThat(t.path("sha256").asText()).isEqualTo(sha256(content));
    assertThat(t.path("username").asText()).isEqualTo("alice");
    assertThat(t.path("agentId").isNull()).isTrue();
    assertThat(t.path("customer").isNull()).isTrue();
    assertThat(t.path("completedAt").asText()).isNotEmpty();
    for (String field : new String[] {"id", "agentId", "customer", "username", "jobId", "runId", "sourceUrl",
        "destinationPath", "direction", "protocol", "size", "status", "progress", "bytesTransferred", "speed",
        "sha256", "error", "createdAt", "updatedAt", "startedAt", "completedAt"}) {
      assertThat(t.has(field)).as(field).isTrue();
    }
    String id = t.path("id").asText();
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    JsonNode mine = find(ApiFixture.expect(api.client().get("/api/transfers?limit=100", alice), 200, "alice"),
        "/in/report.csv");
    assertThat(mine).isNotNull();
    assertThat(mine.path("id").asText()).isEqualTo(id);
    Response one = ApiFixture.expect(api.client().get("/api/transfers/" + id, alice), 200, "get");
    assertThat(one.json().path("success").asBoolean()).isTrue();
    assertThat(one.json().path("data").path("sha256").asText()).isEqualTo(sha256(content));
    assertThat(api.client().get("/api/transfers/" + id, api.admin()).status()).isEqualTo(200);

    // another customer neither lists nor reads it
    assertThat(find(api.client().get("/api/transfers?limit=100", bob), "/in/report.csv")).isNull();
    Response foreign = api.client().get("/api/transfers/" + id, bob);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.json().path("success").asBoolean(true)).isFalse();
  }

  @Test
  void pagingCountsTheCustomersTransfersAndStatusFilters() {
    Auth carol = api.customer("carol");
    for (int i = 0; i < 3; i++) upload(carol, "p/" + i + ".txt", "x" + i);
    Response page1 = ApiFixture.expect(api.client().get("/api/transfers?limit=2", carol), 200, "page 1");
    assertThat(page1.json().path("data")).hasSize(2);
    JsonNode p = page1.json().path("pagination");
    assertThat(p.path("page").asInt()).isEqualTo(1);
    assertThat(p.path("limit").asInt()).isEqualTo(2);
    assertThat(p.path("total").asLong()).isEqualTo(3);
    assertThat(p.path("totalPages").asLong()).isEqualTo(2);
    // newest first
    assertThat(page1.json().path("data").get(0).path("sourceUrl").asText()).endsWith("/p/2.txt");
    Response page2 = ApiFixture.expect(api.client().get("/api/transfers?limit=2&page=2", carol), 200, "page 2");
    assertThat(page2.json().path("data")).hasSize(1);
    assertThat(page2.json().path("data").get(0).path("sourceUrl").asText()).endsWith("/p/0.txt");

    Response completed = api.client().get("/api/transfers?status=completed", carol);
    assertThat(completed.json().path("pagination").path("total").asLong()).isEqualTo(3);
    Response running = api.client().get("/api/transfers?status=running", carol);
    assertThat(running.json().path("pagination").path("total").asLong()).isZero();
    Response byAgent = api.client().get("/api/transfers?agentId=0193a1b2-0000-7000-8000-000000000001", carol);
    assertThat(byAgent.json().path("data")).isEmpty();
  }

  @Test
  void badQueriesNameTheirField() {
    assertField(api.client().get("/api/transfers?status=done", api.admin()), 400, "status");
    assertField(api.client().get("/api/transfers?page=0", api.admin()), 400, "page");
    assertField(api.client().get("/api/transfers?limit=101", api.admin()), 400, "limit");
  }

  @Test
  void unknownIdsAre404AndOnlyAgentsWrite() {
    assertThat(api.client().get("/api/transfers/0193a1b2-0000-7000-8000-00000000ffff", api.admin()).status())
        .isEqualTo(404);
    assertThat(api.client().get("/api/transfers/not-a-uuid", api.admin()).status()).isEqualTo(404);
    assertThat(api.client().get("/api/transfers", Auth.NONE).status()).isEqualTo(401);
    Map<String, Object> body = Map.of("sourceUrl", "sftp://h/a", "destinationPath", "/a", "direction", "pull",
        "protocol", "sftp");
    assertThat(api.client().post("/api/transfers", Auth.NONE, body).status()).isEqualTo(401);
    assertThat(api.client().post("/api/transfers", api.admin(), body).status()).isEqualTo(403);
    assertThat(api.client().post("/api/transfers", alice, body).status()).isEqualTo(403);
    assertThat(api.client().patch("/api/transfers/0193a1b2-0000-7000-8000-00000000ffff", alice,
        Map.of("progress", 5)).status()).isEqualTo(403);
  }

  static JsonNode assertField(Response r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().path("success").asBoolean(true)).isFalse();
    assertThat(r.json().path("details").path("field").asText()).as(r.body()).isEqualTo(field);
    return r.json();
  }
}
