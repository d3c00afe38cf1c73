package ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The shipped logback.xml: what a client chose cannot forge a log line; a client leaving is no alarm. */
class LogEscapingTest {
  @Test
  void aUserNameWithLineBreaksIsLoggedOnOneLine() throws Exception {
    List<String> lines = logWithShippedConfig("ferry.sftpd.LoginCheck",
        log -> log.warn("SSH login refused: user={} remote_addr={}", "eve\n12:00:00.000 INFO  x - forged\r\u001b[2J",
            "127.0.0.1"));
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).endsWith(
        "SSH login refused: user=eve\\n12:00:00.000 INFO  x - forged\\r\\u001b[2J remote_addr=127.0.0.1");
  }

  @Test
  void anExceptionMessageWithLineBreaksKeepsToItsLineAndTheTraceKeepsItsLines() throws Exception {
    List<String> lines = logWithShippedConfig("ferry.sftpd.SessionSftpAccessor",
        log -> log.error("failed", new IOException("no such file: /a\nERROR forged")));
    assertThat(lines.get(0)).endsWith(" - failed");
    assertThat(lines.get(1)).isEqualTo("java.io.IOException: no such file: /a\\nERROR forged");
    assertThat(lines.subList(2, lines.size())).isNotEmpty().allMatch(l -> l.startsWith("\tat ") || l.startsWith("\t..."));
  }

  @Test
  void minasReportsOfAClientThatLeftMidReplyAreNotPrinted() throws Exception {
    List<String> lines = new ArrayList<>(logWithShippedConfig("org.apache.sshd.common.channel.ChannelAsyncOutputStream",
        log -> log.warn("doCloseImmediately(x): still have 1 bytes of 2 on closing channel")));
    lines.addAll(logWithShippedConfig("ferry.sftpd.DirectSftpSubsystem$ReplyStream",
        log -> log.error("startWriting(sftp-out@0) propagate to 3 write requests pending error=Channel closing")));
    assertThat(lines).isEmpty();
  }

  interface Logging {
    void log(Logger log);
  }

  /** Configures a fresh logging context from the shipped logback.xml and returns what it printed. */
  private static List<String> logWithShippedConfig(String logger, Logging logging) throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      JoranConfigurator config = new JoranConfigurator();
      config.setContext(context);
      config.doConfigure(LogEscapingTest.class.getResource("/logback.xml"));
      logging.log(context.getLogger(logger));
    } finally {
      context.stop();
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
