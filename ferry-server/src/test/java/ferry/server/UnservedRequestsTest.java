package ferry.server;

import static ferry.server.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 8: a wrong method is a 405 naming the methods served; an unknown path is a 404 in its face's shape. */
class UnservedRequestsTest {
  @TempDir static Path dir;
  static FerryServer server;
  static TestServers.Client client;
  static String key;

  @BeforeAll
  static void start() {
    server = TestServers.start(TestServers.config(dir, true, List.of(), null));
    client = new TestServers.Client(server.url());
    key = TestServers.cliKey(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.stop();
  }

  @Test
  void aKnownPathWithAnotherMethodIs405WithAllowAndTheV1ErrorBody() {
    HttpResponse<String> r = client.send("DELETE", "/v1/jobs", key, null);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    JsonNode body = json(r.body());
    assertThat(body.path("status").asInt()).isEqualTo(405);
    assertThat(body.path("error").asText()).isEqualTo("Method Not Allowed");
    assertThat(body.path("message").asText()).contains("DELETE").contains("/v1/jobs").contains("POST");
  }

  @Test
  void allowListsEveryMethodOfAPathWithHeadWhereGetIsServed() {
    HttpResponse<String> r = client.send("POST", "/v1/adm/scripts/abc", key, "{}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD, PUT, DELETE");
  }

  @Test
  void aWrongMethodNeedsNoCredentialsToLearnTheAllowedOnes() {
    HttpResponse<String> r = client.send("PATCH", "/v1/adm/jobs", null, "{}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void anUnknownV1PathIsStillA404() {
    HttpResponse<String> r = client.send("GET", "/v1/adm/nothing-here", key, null);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r.body()).path("message").asText()).isEqualTo("this server does not serve GET /v1/adm/nothing-here");
  }

  @Test
  void anUnknownApiV2PathIsA404InTheFileServersShape() {
    // a path the file server does not serve (/api/v2/users now is served: 401 without credentials)
    HttpResponse<String> r = client.send("GET", "/api/v2/no-such-things?limit=5", null, null);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode body = json(r.body());
    assertThat(body.path("message").asText()).isEqualTo("Not Found");
    assertThat(body.path("error").asText()).contains("GET /api/v2/no-such-things").contains("does not serve");
    assertThat(body.has("success")).isFalse();
  }

  @Test
  void anUnknownApiPathIsA404InTheOrchestrationEnvelope() {
    for (String path : List.of("/api/no-such-part", "/api", "/api/")) {
      HttpResponse<String> r = client.send("POST", path, null, "{}");

      assertThat(r.statusCode()).as(path).isEqualTo(404);
      JsonNode body = json(r.body());
      assertThat(body.path("success").isBoolean()).as(r.body()).isTrue();
      assertThat(body.path("success").asBoolean()).isFalse();
      assertThat(body.path("error").asText()).contains("POST " + path).contains("does not serve");
    }
  }

  @Test
  void aUriTheServerRefusesUnderApiV2GetsTheFileServersShapeToo() {
    String answer = client.raw("GET /api/v2/user/files/a%2Fb HTTP/1.1", key);

    assertThat(answer).startsWith("HTTP/1.1 400");
    JsonNode body = json(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(body.path("message").asText()).isEqualTo("Bad Request");
    assertThat(body.path("error").asText()).contains("refused");
  }
}
