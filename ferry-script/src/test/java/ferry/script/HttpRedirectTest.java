package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, item 13: {@code HttpCli} follows redirects, but credentials and bodies never follow one
 * to another origin. Two servers on different ports are two origins.
 */
class HttpRedirectTest {
  private static final String CREDENTIALED_GET =
      """
      var r = HttpCli().Url(Params('start')).Bearer('tok-1').Header('X-Api-Key', 'key-1')
          .Header('Cookie', 'session=s1').Header('Accept', 'text/plain').Get();
      Log(r.StatusCode(), r.BodyAsString(), JSON.stringify(r.ErrorMsg()));
      """;

  private static ScriptEngine engine;
  private FakeHttpServer origin;
  private FakeHttpServer other;

  @BeforeAll
  static void startEngine() {
    engine = new ScriptEngine(Scripts.config(1000, 4096, 1024));
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  @BeforeEach
  void startServers() throws IOException {
    origin = FakeHttpServer.http();
    other = FakeHttpServer.http();
  }

  @AfterEach
  void stopServers() {
    origin.close();
    other.close();
  }

  @Test
  void aRedirectToAnotherOriginDropsCredentialsAndCustomHeaders() {
    redirect(origin, "/start", 302, other.url("/landing"));

    RecordingHost host = run(CREDENTIALED_GET, origin.url("/start"));

    assertThat(host.messages()).containsExactly("200 GET  \"\"");
    assertThat(origin.lastRequest().headers())
        .containsEntry("authorization", "Bearer tok-1")
        .containsEntry("x-api-key", "key-1");
    FakeHttpServer.Request landed = other.lastRequest();
    assertThat(landed.path()).isEqualTo("/landing");
    assertThat(landed.headers())
        .doesNotContainKeys("authorization", "x-api-key", "cookie")
        .containsEntry("accept", "text/plain")
        .containsEntry("user-agent", "Ferry-Script/1");
  }

  @Test
  void credentialsStayDroppedWhenTheChainComesBackToTheFirstOrigin() {
    redirect(origin, "/start", 301, other.url("/bounce"));
    redirect(other, "/bounce", 302, origin.url("/back"));

    run(CREDENTIALED_GET, origin.url("/start"));

    assertThat(origin.lastRequest().path()).isEqualTo("/back");
    assertThat(origin.lastRequest().headers()).doesNotContainKeys("authorization", "x-api-key");
  }

  @Test
  void aRedirectWithinTheOriginKeepsEveryHeader() {
    redirect(origin, "/start", 302, "/next");

    RecordingHost host = run(CREDENTIALED_GET, origin.url("/start"));

    assertThat(host.messages()).containsExactly("200 GET  \"\"");
    assertThat(origin.lastRequest().path()).isEqualTo("/next");
    assertThat(origin.lastRequest().headers())
        .containsEntry("authorization", "Bearer tok-1")
        .containsEntry("x-api-key", "key-1")
        .containsEntry("cookie", "session=s1");
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303})
  void aPostRedirectedWith301To303BecomesAGetWithoutBody(int status) {
    redirect(origin, "/start", status, other.url("/landing"));

    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('start')).Header('Content-Type',"
                + " 'application/json').BasicAuth('u', 'p').Post('{\"card\":1}');"
                + " Log(r.StatusCode(), r.BodyAsString())",
            origin.url("/start"));

    assertThat(host.messages()).containsExactly("200 GET ");
    FakeHttpServer.Request landed = other.lastRequest();
    assertThat(landed.method()).isEqualTo("GET");
    assertThat(landed.body()).isEmpty();
    assertThat(landed.headers()).doesNotContainKeys("authorization", "content-type");
  }

  @ParameterizedTest
  @ValueSource(ints = {307, 308})
  void aBodyIsNeverSentToAnotherOriginAndTheScriptIsTold(int status) {
    redirect(origin, "/start", status, other.url("/landing"));

    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('start')).Post('card=4111');"
                + " Log(r.StatusCode(), r.Ok(), r.Header('Location') !== '', r.ErrorMsg())",
            origin.url("/start"));

    assertThat(other.requests()).isEmpty();
    assertThat(host.messages())
        .singleElement()
        .asString()
        .startsWith(status + " false true ")
        .contains("not followed");
  }

  @ParameterizedTest
  @ValueSource(ints = {307, 308})
  void aBodylessRequestFollows307And308ToAnotherOriginWithoutCredentials(int status) {
    redirect(origin, "/start", status, other.url("/landing"));

    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('start')).Bearer('t').Delete();"
                + " Log(r.StatusCode(), r.BodyAsString())",
            origin.url("/start"));

    assertThat(host.messages()).containsExactly("200 DELETE ");
    assertThat(other.lastRequest().headers()).doesNotContainKey("authorization");
  }

  @Test
  void aPostRedirectedWith307WithinTheOriginKeepsMethodAndBody() {
    redirect(origin, "/start", 307, "/next");

    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('start')).Post('x=1'); Log(r.BodyAsString())",
            origin.url("/start"));

    assertThat(host.messages()).containsExactly("POST x=1");
  }

  @Test
  void aRedirectLoopEndsWithAnError() {
    redirect(origin, "/loop", 302, "/loop");

    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('start')).Get(); Log(r.StatusCode(), r.ErrorMsg())",
            origin.url("/loop"));

    assertThat(host.messages()).singleElement().asString().contains("redirects");
    assertThat(origin.requests()).hasSizeLessThanOrEqualTo(HttpRedirects.MAX_REDIRECTS + 1);
  }

  private static void redirect(FakeHttpServer server, String path, int status, String location) {
    server.route(
        path, new FakeHttpServer.Route(status, "", Map.of("Location", location), Duration.ZERO));
  }

  private static RecordingHost run(String source, String start) {
    RecordingHost host = new RecordingHost();
    ScriptOutcome outcome = Scripts.run(engine, source, Map.of("start", start), host);
    assertThat(outcome.status())
        .as("%s %s", outcome, host.messages())
        .isEqualTo(ScriptOutcome.Status.COMPLETED);
    return host;
  }
}
