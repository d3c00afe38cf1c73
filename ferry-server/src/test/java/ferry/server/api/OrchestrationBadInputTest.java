package ferry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.api.OrchestrationWorld.Who;
import ferry.server.files.V2Client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Bad input on every body-taking /api route: malformed JSON, a field of the wrong type, an unknown
 * field, a 10 MB body. Each is a 400 (413 for the body) in the failure envelope, with {@code
 * details.field} naming the field at fault where one is; never a 500, and the server keeps serving.
 * Routes join as they land (their part is served); a body-taking route this test does not list fails
 * {@link #everyBodyTakingRouteIsListedHere}.
 */
class OrchestrationBadInputTest {
  static final int TEN_MB = 10 * 1024 * 1024;

  /**
   * One body-taking route: the server's name for it, the path to call, who calls, and a body with
   * {@code field} of the wrong type (the rest valid).
   */
  record JsonRoute(String part, String route, String target, Who who, String field, String wrongType) {
    String method() {
      return route.substring(0, route.indexOf(' '));
    }
  }

  static final List<JsonRoute> JSON_ROUTES = List.of(
      new JsonRoute("agents", "POST /api/agents/registration-codes", "/api/agents/registration-codes", Who.ADMIN,
          "expiresInMinutes", "{\"customer\":\"bi-cust\",\"expiresInMinutes\":\"soon\"}"),
      new JsonRoute("agents", "POST /api/agents/register", "/api/agents/register", Who.CUSTOMER, "name",
          "{\"name\":5,\"hostname\":\"h\",\"os\":\"linux\",\"version\":\"1\"}"),
      new JsonRoute("agents", "POST /api/agents/heartbeat", "/api/agents/heartbeat", Who.AGENT, "load",
          "{\"status\":\"online\",\"load\":\"high\"}"),
      new JsonRoute("mtls", "POST /api/agents/certificate", "/api/agents/certificate", Who.AGENT, "csr",
          "{\"csr\":42}"),
      new JsonRoute("transfers", "POST /api/transfers", "/api/transfers", Who.AGENT, "size",
          "{\"sourceUrl\":\"sftp://h/a\",\"destinationPath\":\"/l/a\",\"direction\":\"pull\",\"protocol\":\"sftp\","
              + "\"size\":\"big\"}"),
      new JsonRoute("transfers", "PATCH /api/transfers/{id}", "/api/transfers/{transferId}", Who.AGENT, "progress",
          "{\"progress\":\"half\"}"),
      new JsonRoute("jobs", "POST /api/jobs", "/api/jobs", Who.ADMIN, "enabled",
          "{\"name\":\"bi-job-2\",\"agentId\":\"{agentId}\",\"sourcePath\":\"bi-folder:/x\",\"destinationPath\":\"/l\","
              + "\"schedule\":\"0 2 * * *\",\"protocol\":\"sftp\",\"direction\":\"pull\",\"enabled\":\"yes\"}"),
      new JsonRoute("jobs", "PATCH /api/jobs/{id}", "/api/jobs/{jobId}", Who.ADMIN, "enabled", "{\"enabled\":\"yes\"}"),
      new JsonRoute("jobs", "POST /api/jobs/{id}/runs", "/api/jobs/{jobId}/runs", Who.AGENT, "scheduledAt",
          "{\"scheduledAt\":5}"),
      new JsonRoute("jobs", "PATCH /api/jobs/{id}/runs/{runId}", "/api/jobs/{jobId}/runs/{runId}", Who.AGENT, "bytes",
          "{\"status\":\"completed\",\"bytes\":\"many\"}"),
      new JsonRoute("pipelines", "POST /api/pipelines", "/api/pipelines", Who.CUSTOMER, "enabled",
          "{\"identifier\":\"bi-pipe-2\",\"name\":\"n\",\"yaml\":\"" + OrchestrationWorld.pipelineYaml("bi-cust")
              + "\",\"enabled\":\"yes\"}"),
      new JsonRoute("pipelines", "POST /api/pipelines/dry-run", "/api/pipelines/dry-run", Who.CUSTOMER, "simulate",
          "{\"yaml\":\"x: 1\",\"simulate\":\"yes\"}"),
      new JsonRoute("pipelines", "PATCH /api/pipelines/{id}", "/api/pipelines/{pipelineId}", Who.CUSTOMER, "enabled",
          "{\"enabled\":\"yes\"}"),
      new JsonRoute("pipelines", "PUT /api/pipelines/{id}/yaml", "/api/pipelines/{pipelineId}/yaml", Who.CUSTOMER,
          "yaml", "{\"yaml\":5}"));

  /** Body-taking routes that read no body. */
  static final Set<String> NO_BODY = Set.of("PUT /api/customers/{username}", "POST /api/pipelines/{id}/runs",
      "POST /api/pipelines/{id}/runs/{runId}/cancel");

  static final List<String> MALFORMED = List.of("{\"name\": ", "not json", "{\"a\":1}}", "[]", "\"text\"", "42",
      "null", "\"\\ud800\"");

  static ApiFixture api;
  static OrchestrationWorld world;

  @BeforeAll
  static void start(@TempDir Path dir) {
    api = ApiFixture.start(dir);
    world = OrchestrationWorld.make(api, dir, "bi", Set.of());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  /** The listed routes of parts this build serves. */
  static List<JsonRoute> landed() {
    return JSON_ROUTES.stream().filter(j -> world.served.contains(j.part())).toList();
  }

  @Test
  void everyBodyTakingRouteIsListedHere() {
    Set<String> served = new TreeSet<>();
    for (String r : api.server().routes())
      if (r.matches("(POST|PUT|PATCH) /api/.*") && !r.matches("\\w+ /api/v2/.*")) served.add(r);
    Set<String> listed = new TreeSet<>(NO_BODY);
    landed().forEach(j -> listed.add(j.route()));
    assertThat(listed).as("listed routes of served parts that the server does not serve").isSubsetOf(served);
    served.removeAll(listed);
    assertThat(served).as("body-taking /api routes this test does not know: add them to JSON_ROUTES or NO_BODY")
        .isEmpty();
  }

  @Test
  void malformedJsonIs400() {
    List<String> wrong = new ArrayList<>();
    for (JsonRoute j : landed())
      for (String body : MALFORMED) refused(wrong, j, body, send(j, body), 400, null);
    assertThat(wrong).isEmpty();
  }

  /** No body at all: a 400, or (on a route whose fields are all optional) the same as {@code {}}; never a 5xx. */
  @Test
  void anEmptyBodyIs400OrAnEmptyObject() {
    List<String> wrong = new ArrayList<>();
    for (JsonRoute j : landed()) {
      Response r = send(j, "");
      if (r.status() >= 300 && r.status() != 400) wrong.add(j.route() + " -> " + r.status() + " " + r.body());
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aFieldOfTheWrongTypeIs400NamingIt() {
    List<String> wrong = new ArrayList<>();
    for (JsonRoute j : landed()) refused(wrong, j, j.wrongType(), send(j, world.withIds(j.wrongType())), 400, j.field());
    assertThat(wrong).isEmpty();
  }

  @Test
  void anUnknownFieldIs400NamingIt() {
    List<String> wrong = new ArrayList<>();
    for (JsonRoute j : landed()) {
      String body = "{\"colour\":\"red\"}";
      refused(wrong, j, body, send(j, body), 400, "colour");
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aTenMegabyteBodyIs413AndTheServerKeepsServing() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (JsonRoute j : landed()) {
      String head = tenMegabytes(j);
      int status = head.length() < 12 ? 0 : Integer.parseInt(head.substring(9, 12));
      if (status != 413 || !head.toLowerCase().contains("content-type: application/json"))
        wrong.add(j.route() + " -> " + head.lines().findFirst().orElse("no answer"));
    }
    assertThat(wrong).isEmpty();
    assertThat(api.client().get("/api/customers", api.admin()).status()).isEqualTo(200);
  }

  private static Response send(JsonRoute j, String body) {
    return api.client().sendJson(j.method(), world.withIds(j.target()), world.as(j.who()), body);
  }

  /** A {@code status} in the failure envelope, naming {@code field} when given. */
  private static void refused(List<String> wrong, JsonRoute j, String body, Response r, int status, String field) {
    String what = j.route() + " " + body + " -> " + r.status() + " " + r.body();
    if (r.status() != status) {
      wrong.add(what);
      return;
    }
    JsonNode json;
    try {
      json = new tools.jackson.databind.json.JsonMapper().readTree(r.body());
    } catch (RuntimeException e) {
      wrong.add(what + " (not JSON)");
      return;
    }
    if (json.path("success").asBoolean(true) || !json.path("error").isString()) wrong.add(what + " (not the envelope)");
    else if (field != null && !field.equals(json.path("details").path("field").asString(null)))
      wrong.add(what + " (details.field should be " + field + ")");
  }

  /** Sends a 10 MB JSON object with its length, writing on while reading, and returns the answer's head. */
  private static String tenMegabytes(JsonRoute j) throws Exception {
    URI u = URI.create(api.client().url());
    try (Socket s = new Socket(u.getHost(), u.getPort())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      byte[] start = "{\"name\":\"".getBytes(StandardCharsets.US_ASCII);
      byte[] end = "\"}".getBytes(StandardCharsets.US_ASCII);
      var auth = world.as(j.who());
      String head = j.method() + " " + world.withIds(j.target()) + " HTTP/1.1\r\nHost: " + u.getHost() + "\r\n"
          + auth.header() + ": " + auth.value() + "\r\nContent-Type: application/json\r\nContent-Length: "
          + (start.length + TEN_MB + end.length) + "\r\nConnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'a');
        try {
          out.write(start);
          for (int n = 0; n < TEN_MB; n += block.length) out.write(block);
          out.write(end);
          out.flush();
        } catch (IOException e) {
          // the server answered and closed before taking it all: expected
        }
      });
      String answer = readHead(s.getInputStream());
      writer.handle((v, e) -> null).get(30, TimeUnit.SECONDS);
      return answer;
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      sb.append((char) c);
      if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) break;
    }
    return sb.toString();
  }
}
