package ferry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.auth.Cidr;
import ferry.core.auth.DefenderConfig;
import ferry.server.TestServers;
import ferry.server.files.V2Client;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's rate limits on /api: 10 a minute per address without credentials, 60 per account, 300
 * per agent; the headers on every answer, 429 with Retry-After past the limit. The server trusts
 * 127.0.0.1 as a proxy, so each test names its own client address in X-Forwarded-For and has its
 * own public allowance.
 */
class RateLimitsTest {
  static final Map<String, Object> SEED = Map.of("rateLimitPublic", 10, "rateLimitAuthenticated", 60,
      "rateLimitAgent", 300);
  static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
  static ApiFixture api;

  @BeforeAll
  static void start(@TempDir Path dir) {
    api = ApiFixture.on(TestServers.start(TestServers.config(dir.resolve("data"), true, List.of(),
        DefenderConfig.defaults().withThreshold(10_000), List.of(Cidr.parse("127.0.0.1/32")))), dir);
    // before the first /api call, so no node has read the lifted limits yet
    ApiFixture.expect(api.client().patch("/v1/adm/settings", admin(), SEED), 200, "set the seed's limits");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void eleventhUnauthenticatedRegistrationInAMinuteIs429() {
    String from = freshAddress();
    String body = "{\"name\":\"a\",\"hostname\":\"h\",\"os\":\"linux\",\"registrationCode\":\"bogus\"}";
    long started = System.nanoTime();
    for (int i = 1; i <= 10; i++) {
      Response r = call("POST", "/api/agents/register", Auth.NONE, from, body);
      assertThat(r.status()).as("attempt " + i + ": " + r.body()).isNotEqualTo(429);
      assertThat(r.header("X-RateLimit-Limit")).contains("10");
      assertThat(r.header("X-RateLimit-Remaining")).contains(Long.toString(10 - i));
    }
    Response refused = firstRefusal(started, 10, () -> call("POST", "/api/agents/register", Auth.NONE, from, body));
    assertRefused(refused, 10);
  }

  @Test
  void sixtyFirstAuthenticatedCallIs429() {
    Auth rita = api.customer("rita");
    long started = System.nanoTime();
    for (int i = 1; i <= 60; i++) {
      Response r = api.client().get("/api/customers", rita);
      assertThat(r.status()).as("call " + i + ": " + r.body()).isEqualTo(200);
    }
    Response refused = firstRefusal(started, 60, () -> api.client().get("/api/customers", rita));
    assertRefused(refused, 60);
    // per account: another customer is not held back by rita's calls
    assertThat(api.client().get("/api/customers", api.customer("sam")).status()).isEqualTo(200);
  }

  @Test
  void anAgentsThreeHundredCallsPass() {
    Auth agent = api.agent(api.customer("tess"), "tess-agent");
    for (int i = 1; i <= 300; i++) {
      Response r = api.client().post("/api/agents/heartbeat", agent, Map.of("status", "online"));
      assertThat(r.status()).as("heartbeat " + i + ": " + r.body()).isEqualTo(200);
      assertThat(r.header("X-RateLimit-Limit")).contains("300");
    }
    // and the agent's allowance is its own: its customer still has all of the account's
    Response own = api.client().get("/api/customers", api.customer("tess-2"));
    assertThat(own.header("X-RateLimit-Remaining")).contains("59");
  }

  @Test
  void everyAnswerCarriesTheHeaders() {
    Response ok = api.client().get("/api/customers", api.admin());
    assertThat(ok.status()).isEqualTo(200);
    assertHeaders(ok, 60);

    Response unauthenticated = call("GET", "/api/customers", Auth.NONE, freshAddress(), null);
    assertThat(unauthenticated.status()).isEqualTo(401);
    assertHeaders(unauthenticated, 10);

    // refused credentials never reach the limiter's turn: counted on the address's public allowance
    Response badToken = call("GET", "/api/customers", V2Client.bearer("not-a-token"), freshAddress(), null);
    assertThat(badToken.status()).isEqualTo(401);
    assertHeaders(badToken, 10);

    Response unknown = call("GET", "/api/no-such-thing", api.admin(), freshAddress(), null);
    assertThat(unknown.status()).isEqualTo(404);
    assertHeaders(unknown, 10);
    assertThat(unknown.header("X-RateLimit-Remaining")).contains("9");

    assertThat(api.client().get("/api/v2/version", Auth.NONE).header("X-RateLimit-Limit")).isEmpty();
  }

  @Test
  void unknownPathsAndBadCredentialsAreThrottledToo() {
    String from = freshAddress();
    long started = System.nanoTime();
    for (int i = 1; i <= 10; i++)
      assertThat(call("GET", "/api/customers", V2Client.bearer("guess-" + i), from, null).status()).isEqualTo(401);
    Response refused = firstRefusal(started, 10, () -> call("GET", "/api/nothing", Auth.NONE, from, null));
    assertRefused(refused, 10);
  }

  @Test
  void healthShowsTheAllowanceButIsNeverRefused() {
    String from = freshAddress();
    for (int i = 0; i < 25; i++) {
      Response r = call("GET", "/api/health", Auth.NONE, from, null);
      assertThat(r.status()).isEqualTo(200);
      assertHeaders(r, 10);
      assertThat(r.header("X-RateLimit-Remaining")).contains("10");
    }
  }

  @Test
  void limitsAreValidatedSettings() {
    Response zero = api.client().patch("/v1/adm/settings", admin(), Map.of("rateLimitAgent", 0));
    assertThat(zero.status()).isEqualTo(400);
    Response text = api.client().patch("/v1/adm/settings", admin(), Map.of("rateLimitPublic", "many"));
    assertThat(text.status()).isEqualTo(400);
    Response now = api.client().get("/v1/adm/settings", admin());
    assertThat(now.json().path("rateLimitPublic").asLong()).isEqualTo(10);
    assertThat(now.json().path("rateLimitAuthenticated").asLong()).isEqualTo(60);
    assertThat(now.json().path("rateLimitAgent").asLong()).isEqualTo(300);
  }

  /**
   * The first 429 after {@code limit} allowed calls. The allowance refills greedily (limit/60 a
   * second), so a slow machine may get a token or two back meanwhile: those are allowed, no more.
   */
  static Response firstRefusal(long startedNanos, int limit, java.util.function.Supplier<Response> call) {
    for (int extra = 0; ; extra++) {
      Response r = call.get();
      if (r.status() == 429) return r;
      double seconds = (System.nanoTime() - startedNanos) / 1e9;
      assertThat(extra).as("allowed past the limit of " + limit + " after %.1f s", seconds)
          .isLessThanOrEqualTo((int) Math.ceil(seconds * limit / 60.0));
    }
  }

  static void assertRefused(Response r, long limit) {
    assertThat(r.json().path("success").asBoolean(true)).isFalse();
    assertThat(r.json().path("error").asText()).contains("rate limit");
    assertThat(Long.parseLong(r.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
    assertHeaders(r, limit);
    assertThat(r.header("X-RateLimit-Remaining")).contains("0");
  }

  static void assertHeaders(Response r, long limit) {
    assertThat(r.header("X-RateLimit-Limit")).as(r.headers().map().toString()).contains(Long.toString(limit));
    long remaining = Long.parseLong(r.header("X-RateLimit-Remaining").orElseThrow());
    assertThat(remaining).isBetween(0L, limit);
    long reset = Long.parseLong(r.header("X-RateLimit-Reset").orElseThrow());
    long now = System.currentTimeMillis() / 1000;
    assertThat(reset).isBetween(now - 1, now + 61);
  }

  /** A documentation address (RFC 5737) of this test's own. */
  static String freshAddress() {
    int n = NEXT_ADDRESS.getAndIncrement();
    return "198.51.100." + n;
  }

  static Auth admin() {
    return V2Client.basic("admin", TestServers.ADMIN_PASSWORD);
  }

  static Response call(String method, String path, Auth auth, String from, String json) {
    HttpRequest.Builder b = api.client().request(method, path, auth,
        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) b.header("Content-Type", "application/json");
    return api.client().call(b.header("X-Forwarded-For", from).build());
  }
}
