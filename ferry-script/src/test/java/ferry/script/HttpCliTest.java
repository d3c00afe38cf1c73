package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpCliTest {
  private static final int BODY_LIMIT = 1024;

  private static ScriptEngine engine;
  private FakeHttpServer server;

  @BeforeAll
  static void startEngine() {
    engine = new ScriptEngine(Scripts.config(1000, 4096, BODY_LIMIT));
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  @BeforeEach
  void startServer() throws IOException {
    server = FakeHttpServer.http();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void getReturnsStatusBodyAndHeadersCaseInsensitively() {
    server.route(
        "/item",
        new FakeHttpServer.Route(
            200,
            "{\"id\":7}",
            Map.of("X-Request-Id", "r-1", "Content-Type", "application/json"),
            Duration.ZERO));

    RecordingHost host =
        run(
            """
            var r = HttpCli().Url(Params('base') + '/item').Get();
            Log(r.Ok(), r.IsValid(), r.StatusCode(), JSON.parse(r.BodyAsString()).id,
                r.Header('x-request-id'), r.Header('X-REQUEST-ID'),
                JSON.stringify(r.Header('missing')),
                JSON.stringify(r.ErrorMsg()));
            """);

    assertThat(host.messages()).containsExactly("true true 200 7 r-1 r-1 \"\" \"\"");
    assertThat(server.lastRequest().method()).isEqualTo("GET");
    assertThat(server.lastRequest().headers()).containsEntry("user-agent", "Ferry-Script/1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Post", "Put", "Patch", "Delete"})
  void verbsWithABodySendTheirMethodAndBody(String verb) {
    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('base') + '/echo')."
                + verb
                + "('payload-ü'); Log(r.BodyAsString(), r.Header('X-Echo-Method'))");

    String method = verb.toUpperCase();
    assertThat(host.messages()).containsExactly(method + " payload-ü " + method);
    assertThat(server.lastRequest().body()).isEqualTo("payload-ü");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Get()|GET",
        "Head()|HEAD",
        "Post()|POST",
        "Post(null)|POST",
        "Post(undefined)|POST",
        "Delete()|DELETE",
        "Do('options')|OPTIONS"
      })
  void verbsWithoutABodySendAnEmptyOne(String call, String method) {
    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('base') + '/echo')."
                + call
                + "; Log(r.StatusCode(), r.Header('x-echo-method'))");

    assertThat(server.lastRequest().method()).isEqualTo(method);
    assertThat(server.lastRequest().body()).isEmpty();
    assertThat(host.messages()).containsExactly("200 " + method);
  }

  @Test
  void postAfterReqBodySendsThatBody() {
    run("HttpCli().Url(Params('base') + '/echo').ReqBody('stored').Post()");

    assertThat(server.lastRequest().body()).isEqualTo("stored");
  }

  @Test
  void headersBearerAndBasicAuthAreSent() {
    run(
        """
        HttpCli().Url(Params('base') + '/a').Header('X-One', '1')
            .Header('Content-Type', 'application/json')
            .Bearer('tok-123').Post('{}');
        HttpCli().Url(Params('base') + '/b').BasicAuth('alice', 'pa:ss').Get();
        """);

    FakeHttpServer.Request bearer = server.requests().get(0);
    FakeHttpServer.Request basic = server.requests().get(1);
    assertThat(bearer.headers())
        .containsEntry("x-one", "1")
        .containsEntry("content-type", "application/json")
        .containsEntry("authorization", "Bearer tok-123");
    String expected =
        Base64.getEncoder().encodeToString("alice:pa:ss".getBytes(StandardCharsets.UTF_8));
    assertThat(basic.headers()).containsEntry("authorization", "Basic " + expected);
  }

  @Test
  void errorStatusIsValidButNotOk() {
    server.route("/missing", 404, "not here");

    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('base') + '/missing').Get(); Log(r.Ok(), r.IsValid(),"
                + " r.StatusCode(), r.BodyAsString())");

    assertThat(host.messages()).containsExactly("false true 404 not here");
  }

  @Test
  void timeoutGivesStatusZeroAndSaysSoWithoutThrowing() {
    server.route("/slow", new FakeHttpServer.Route(200, "late", Map.of(), Duration.ofSeconds(10)));
    long start = System.nanoTime();

    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('base') + '/slow').Timeout(0.5).Get(); Log(r.Ok(),"
                + " r.StatusCode(), r.ErrorMsg())");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(host.messages())
        .singleElement()
        .asString()
        .startsWith("false 0 request to 127.0.0.1:")
        .endsWith("timed out after 500 ms");
  }

  @Test
  void connectionRefusedGivesStatusZeroAndNamesTheTarget() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    RecordingHost host = new RecordingHost();
    ScriptOutcome outcome =
        Scripts.run(
            engine,
            "var r = HttpCli().Url('http://127.0.0.1:"
                + port
                + "/x').Get(); Log(r.Ok(), r.IsValid(), r.StatusCode(), r.ErrorMsg(),"
                + " JSON.stringify(r.BodyAsString()))",
            host);

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
    assertThat(host.messages())
        .containsExactly("false false 0 connection refused to 127.0.0.1:" + port + " \"\"");
  }

  @Test
  void bodyOverTheLimitIsCutWithAClearMessage() {
    server.route("/big", 200, "a".repeat(BODY_LIMIT * 5));

    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('base') + '/big').Get(); Log(r.Ok(), r.IsValid(),"
                + " r.StatusCode(), r.BodyAsString().length, r.ErrorMsg())");

    assertThat(host.messages())
        .containsExactly(
            "false false 200 1024 response body exceeds the limit of 1024 bytes; BodyAsString()"
                + " holds only the start");
  }

  @Test
  void bodyAtTheLimitIsComplete() {
    server.route("/exact", 200, "b".repeat(BODY_LIMIT));

    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('base') + '/exact').Get(); Log(r.Ok(),"
                + " r.BodyAsString().length)");

    assertThat(host.messages()).containsExactly("true 1024");
  }

  @Test
  void badInputIsReportedInErrorMsgWithoutSending() {
    RecordingHost host =
        run(
            """
            Log(HttpCli().Url(Params('base')).Post({a: 1}).ErrorMsg());
            Log(HttpCli().Url('ftp://example.com/x').Get().ErrorMsg());
            Log(HttpCli().Get().ErrorMsg());
            Log(HttpCli().Url(Params('base')).TrustCertPEM('not a pem').Get().ErrorMsg());
            Log(HttpCli().Url(Params('base')).Header('Host', 'evil').Get().ErrorMsg());
            """);

    assertThat(host.messages())
        .satisfiesExactly(
            line -> assertThat(line).contains("must be a string; use JSON.stringify()"),
            line -> assertThat(line).contains("only http and https"),
            line -> assertThat(line).contains("no URL set"),
            line -> assertThat(line).startsWith("invalid TrustCertPEM"),
            line -> assertThat(line).startsWith("invalid request").contains("Host"));
    assertThat(server.requests()).isEmpty();
  }

  private RecordingHost run(String source) {
    RecordingHost host = new RecordingHost();
    ScriptOutcome outcome = Scripts.run(engine, source, Map.of("base", server.url("")), host);
    assertThat(outcome.status())
        .as("outcome %s, log %s", outcome, host.messages())
        .isEqualTo(ScriptOutcome.Status.COMPLETED);
    return host;
  }
}
