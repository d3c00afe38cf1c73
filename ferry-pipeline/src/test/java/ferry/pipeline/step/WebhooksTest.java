package ferry.pipeline.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook step and {@link Webhooks} against a real HTTP server on loopback. */
class WebhooksTest {
  record Received(String event, String signature, byte[] body) {}

  @TempDir Path tmp;
  HttpServer server;
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final AtomicInteger status = new AtomicInteger(204);
  final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          received.add(new Received(ex.getRequestHeaders().getFirst("X-Ferry-Event"), ex.getRequestHeaders().getFirst("X-Ferry-Signature"), body));
          ex.sendResponseHeaders(status.get(), -1);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=abc";
  }

  @Test
  void stepPostsASignedSummaryAndPassesTheFilesOn() throws Exception {
    TestContext ctx = new TestContext(tmp).secret("hook-secret", "s3cr3t");
    List<WorkFile> in = List.of(ctx.file("a.csv", "A\n"), ctx.file("d/b.bin", "B"));
    List<WorkFile> out = ctx.run(in, "webhook", "url", url(), "secret", "hook-secret");
    assertThat(out).isEqualTo(in);
    Received r = received.poll(10, TimeUnit.SECONDS);
    assertThat(r.event()).isEqualTo("pipeline.files");
    assertThat(r.signature()).isEqualTo("sha256=" + hmac("s3cr3t", r.body()));
    JsonNode json = new ObjectMapper().readTree(r.body());
    assertThat(json.get("runId").asText()).isEqualTo("run-1");
    assertThat(json.get("pipelineId").asText()).isEqualTo("pl-1");
    assertThat(json.get("files")).hasSize(2);
    assertThat(json.get("files").get(0).get("name").asText()).isEqualTo("a.csv");
    assertThat(json.get("files").get(0).get("size").asLong()).isEqualTo(2);
    assertThat(json.get("files").get(0).get("sha256").asText()).isEqualTo("06f961b802bc46ee168555f066d28f4f0e9afdf3f88174c1ee6f9de004fc30a0");
    assertThat(String.join("\n", ctx.log)).doesNotContain("s3cr3t").doesNotContain("token");
  }

  @Test
  void withoutSecretTheBodyIsUnsigned() throws Exception {
    TestContext ctx = new TestContext(tmp);
    ctx.run(List.of(ctx.file("a", "A")), "webhook", "url", url());
    assertThat(received.poll(10, TimeUnit.SECONDS).signature()).isNull();
  }

  @Test
  void serverErrorsAreRetryableClientErrorsAreNot() throws Exception {
    TestContext ctx = new TestContext(tmp);
    List<WorkFile> in = List.of(ctx.file("a", "A"));
    status.set(503);
    assertThatThrownBy(() -> ctx.run(in, "webhook", "url", url()))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("webhook http://127.0.0.1:" + server.getAddress().getPort() + "/hook answered 503")
        .matches(e -> ((StepFailedException) e).retryable());
    status.set(429);
    assertThatThrownBy(() -> ctx.run(in, "webhook", "url", url())).matches(e -> ((StepFailedException) e).retryable());
    status.set(404);
    assertThatThrownBy(() -> ctx.run(in, "webhook", "url", url())).matches(e -> !((StepFailedException) e).retryable());
  }

  @Test
  void aCustomersPipelineCallsPublicAddressesOnly() throws Exception {
    TestContext ctx = new TestContext(tmp).ofCustomer();
    List<WorkFile> in = List.of(ctx.file("a", "A"));
    int port = server.getAddress().getPort();
    assertThatThrownBy(() -> ctx.run(in, "webhook", "url", url()))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("webhook http://127.0.0.1:" + port + "/hook reaches 127.0.0.1, not a public address: a customer's"
            + " pipeline may only call public addresses")
        .matches(e -> !((StepFailedException) e).retryable());
    for (String inside : List.of("http://localhost/x", "http://10.1.2.3/x", "http://192.168.0.9/x", "http://169.254.169.254/x",
        "http://[::1]/x", "http://[fd00::5]/x", "http://0.0.0.0/x", "http://100.64.0.1/x")) {
      assertThatThrownBy(() -> ctx.run(in, "webhook", "url", inside)).as(inside).hasMessageContaining("not a public address");
    }
    assertThat(received).isEmpty();
    assertThat(PublicAddresses.isPublic(java.net.InetAddress.getByName("93.184.215.14"))).isTrue();
    assertThat(PublicAddresses.isPublic(java.net.InetAddress.getByName("2606:4700::6810:84e5"))).isTrue();
  }

  @Test
  void aMissingSecretOrABadUrlFailsAtOnce() throws Exception {
    TestContext ctx = new TestContext(tmp);
    List<WorkFile> in = List.of(ctx.file("a", "A"));
    assertThatThrownBy(() -> ctx.run(in, "webhook", "url", url(), "secret", "nope")).hasMessage("secret nope is not available");
    assertThatThrownBy(() -> ctx.run(in, "webhook", "url", "ftp://x/y?k=v")).hasMessage("webhook URL is not http(s): ftp://x/y");
    assertThat(received).isEmpty();
  }

  @Test
  void aReceiverThatDoesNotAnswerInTimeIsAnIoError() throws Exception {
    server.removeContext("/hook");
    server.createContext("/hook", ex -> {
      try {
        release.await(30, TimeUnit.SECONDS); // the receiver hangs until the test ends: the client's timeout is tested
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    Webhooks hooks = new Webhooks(HttpClient.newHttpClient(), Duration.ofMillis(300));
    assertThatThrownBy(() -> hooks.post(url(), "e", "{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(java.io.IOException.class)
        .isNotInstanceOf(StepFailedException.class)
        .hasMessageNotContaining("token");
  }

  static String hmac(String key, byte[] body) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return java.util.HexFormat.of().formatHex(mac.doFinal(body));
  }
}
