package ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 11 item 8: an HTTP client that goes away in the middle of its request is one INFO line, not
 * an error with a stack. (One that goes away while its answer is written is not logged at all.)
 */
class HttpDisconnectLoggingTest {
  @TempDir static Path dir;
  static FerryServer server;
  static TestServers.Client client;
  static String key;

  final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

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

  @BeforeEach
  void capture() {
    logged.start();
    root.addAppender(logged);
  }

  @AfterEach
  void release() {
    root.detachAppender(logged);
  }

  @Test
  void aClientLeavingInTheMiddleOfItsBodyIsOneInfoLine() throws Exception {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /v1/adm/scripts HTTP/1.1\r\nHost: x\r\nX-API-Key: " + key
          + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // the server asks for the body once the route reads it
      assertThat(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100");
      out.write("{\"name\":\"cut\",\"source\":\"".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.setSoLinger(true, 0); // a reset, as a killed client or a dropped network gives
    }
    assertOneQuietLine("POST /v1/adm/scripts");
  }

  @Test
  void aBodyCutShortByAClientStillListeningIsA400() throws Exception {
    String answer;
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(("PUT /v1/adm/secrets/cut HTTP/1.1\r\nHost: x\r\nX-API-Key: " + key
          + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"value\":\"")
          .getBytes(StandardCharsets.US_ASCII));
      s.shutdownOutput(); // ends the body early, still reading
      answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(answer).startsWith("HTTP/1.1 400").contains("the request ended before its body was complete");
    assertOneQuietLine("PUT /v1/adm/secrets/cut");
  }

  private static Socket connect() throws IOException {
    URI u = URI.create(server.url());
    Socket s = new Socket(u.getHost(), u.getPort());
    s.setSoTimeout(10_000);
    return s;
  }

  /** Waits for the server's one line about the request, then checks that nothing louder was logged. */
  private void assertOneQuietLine(String request) throws InterruptedException {
    waitFor("a line about " + request, () -> !lines(request).isEmpty() || !loud().isEmpty());
    assertThat(loud()).as("warnings and errors").isEmpty();
    assertThat(lines(request)).hasSize(1);
    assertThat(lines(request).getFirst().getLevel()).isEqualTo(Level.INFO);
    assertThat(logged.list).allMatch(e -> e.getThrowableProxy() == null, "no stack trace");
  }

  private List<ILoggingEvent> lines(String request) {
    return List.copyOf(logged.list).stream().filter(e -> e.getFormattedMessage().contains(request)).toList();
  }

  private List<String> loud() {
    return List.copyOf(logged.list).stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
            + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName()))
        .toList();
  }

  private void waitFor(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("timed out waiting for " + what + "; logged: " + List.copyOf(logged.list).stream()
            .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()).toList());
      Thread.sleep(20);
    }
  }
}
