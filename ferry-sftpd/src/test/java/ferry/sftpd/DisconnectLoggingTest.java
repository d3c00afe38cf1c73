package ferry.sftpd;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A client that drops its connection is an ordinary event: one line, no warning. */
class DisconnectLoggingTest {
  @TempDir Path tmp;
  Fixture fx;
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void start() {
    fx = new Fixture(tmp.resolve("ssh"));
    logged.start();
    root.addAppender(logged);
  }

  @AfterEach
  void stop() {
    root.detachAppender(logged);
    fx.close();
  }

  @Test
  void aConnectionResetByTheClientIsLoggedOnOneInfoLine() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", fx.port)) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      out.write("SSH-2.0-Reset_1.0\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(in.read()).as("the server's identification").isEqualTo('S');
      socket.setSoLinger(true, 0); // close with a reset, as a killed client or a dropped network does
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (lostLines() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
    assertThat(lostLines()).isEqualTo(1);
    assertThat(logged.list).allMatch(e -> e.getThrowableProxy() == null);
  }

  private long lostLines() {
    return logged.list.stream()
        .filter(e -> e.getLevel() == Level.INFO && e.getFormattedMessage().startsWith("SSH connection lost"))
        .count();
  }
}
