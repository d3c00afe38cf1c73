package ferry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.core.transfer.TransferLine;
import ferry.core.transfer.TransferRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The two log formats of {@code ferry serve} (issue 11): readable text lines, and with {@code
 * --log-format json} one JSON object per line whose fields carry the event's key-value pairs. In
 * both, control characters a client chose stay escaped.
 */
class LogFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHA = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
  private static final String NASTY = "/in/a\nb\r\u001b[2J\u0085\u2028.csv";

  private static TransferRecord upload(String path, boolean ok, String error) {
    return new TransferRecord(null, "SFTP", path, "home", path, 1_250_000, Duration.ofMillis(420), ok ? SHA : null,
        ok, error, Instant.parse("2026-01-05T08:12:41.123Z"), "alice", "SFTP", TransferRecord.UPLOAD, path,
        "10.0.0.7", "c42");
  }

  @Test
  void theTextFormatWritesATransferAsOneReadableLine() throws Exception {
    List<String> lines = printed(LogFormat.TEXT, () -> TransferLine.log(upload("/in/a.csv", true, null)));
    assertThat(lines).singleElement().satisfies(l -> assertThat(l).matches(
        "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  transfer - upload ok alice@10\\.0\\.0\\.7 SFTP:/in/a\\.csv ->"
            + " home:/in/a\\.csv 1\\.2 MiB in 420 ms sha256=" + SHA));
  }

  @Test
  void theTextFormatEscapesWhatTheClientChoseAndEndsARefusalWithItsReason() throws Exception {
    List<String> lines = printed(LogFormat.TEXT,
        () -> TransferLine.log(upload(NASTY, false, "permission denied: 'upload' is not granted in /in")));
    assertThat(lines).singleElement().satisfies(l -> assertThat(l)
        .contains("WARN  transfer - upload failed alice@10.0.0.7 SFTP:/in/a\\nb\\r\\u001b[2J\\u0085\\u2028.csv ->")
        .endsWith(" 1.2 MiB in 420 ms: permission denied: 'upload' is not granted in /in"));
  }

  @Test
  void theTextFormatShowsTheRequestIdOnlyWhenThereIsOne() throws Exception {
    List<String> lines = printed(LogFormat.TEXT, () -> {
      LoggerFactory.getLogger("ferry.httpd.X").info("without");
      MDC.put("request_id", "r1");
      try {
        LoggerFactory.getLogger("ferry.httpd.X").info("with");
      } finally {
        MDC.remove("request_id");
      }
    });
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).endsWith(" INFO  X - without");
    assertThat(lines.get(1)).endsWith(" INFO  X r1 - with");
  }

  @Test
  void theJsonFormatWritesOneObjectPerLineWithTheTransfersFieldsTyped() throws Exception {
    List<String> lines = printed(LogFormat.JSON, () -> TransferLine.log(upload("/in/a.csv", true, null)));
    assertThat(lines).hasSize(1);
    JsonNode o = JSON.readTree(lines.get(0));
    assertThat(o.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(o.path("level").asText()).isEqualTo("INFO");
    assertThat(o.path("logger").asText()).isEqualTo("ferry.transfer");
    assertThat(o.path("message").asText()).startsWith("upload ok alice@10.0.0.7 SFTP:/in/a.csv -> home:/in/a.csv");
    assertThat(o.path("user").asText()).isEqualTo("alice");
    assertThat(o.path("protocol").asText()).isEqualTo("SFTP");
    assertThat(o.path("direction").asText()).isEqualTo("upload");
    assertThat(o.path("src_vfs").asText()).isEqualTo("SFTP");
    assertThat(o.path("dst_vfs").asText()).isEqualTo("home");
    assertThat(o.path("dst_path").asText()).isEqualTo("/in/a.csv");
    assertThat(o.path("bytes").isIntegralNumber()).isTrue();
    assertThat(o.path("bytes").asLong()).isEqualTo(1_250_000);
    assertThat(o.path("duration_ms").asLong()).isEqualTo(420);
    assertThat(o.path("ok").isBoolean()).isTrue();
    assertThat(o.path("sha256").asText()).isEqualTo(SHA);
    assertThat(o.has("error")).isFalse();
  }

  @Test
  void theJsonFormatEscapesEveryControlCharacterAndKeepsTheValueIntact() throws Exception {
    List<String> lines = printed(LogFormat.JSON, () -> {
      TransferLine.log(upload(NASTY, false, "bad\nname"));
      LoggerFactory.getLogger("ferry.sftpd.X").error("failed on " + NASTY, new IOException("no such file: " + NASTY));
    });
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      assertThat(line.chars()).noneMatch(c -> Character.getType(c) == Character.CONTROL
          || c == '\u2028' || c == '\u2029');
    }
    JsonNode transfer = JSON.readTree(lines.get(0));
    assertThat(transfer.path("path").asText()).isEqualTo(NASTY);
    assertThat(transfer.path("error").asText()).isEqualTo("bad\nname");
    assertThat(transfer.path("level").asText()).isEqualTo("WARN");
    JsonNode error = JSON.readTree(lines.get(1));
    assertThat(error.path("message").asText()).isEqualTo("failed on " + NASTY);
    assertThat(error.path("stack_trace").asText()).startsWith("java.io.IOException: no such file: " + NASTY)
        .contains("\tat ferry.server.LogFormatTest");
  }

  @Test
  void theJsonFormatCarriesTheMdcAndNeverRepeatsAField() throws Exception {
    List<String> lines = printed(LogFormat.JSON, () -> {
      MDC.put("request_id", "r1");
      try {
        LoggerFactory.getLogger("ferry.x").atInfo().setMessage("m").addKeyValue("message", "forged")
            .addKeyValue("request_id", "r2").addKeyValue("n", 3).log();
      } finally {
        MDC.remove("request_id");
      }
    });
    JsonNode o = JSON.readTree(lines.get(0));
    assertThat(o.path("message").asText()).isEqualTo("m");
    assertThat(o.path("request_id").asText()).isEqualTo("r1");
    assertThat(o.path("n").asInt()).isEqualTo(3);
    assertThat(lines.get(0).split("\"message\"", -1)).hasSize(2);
  }

  @Test
  void formatsAreNamedTextAndJsonInAnyCase() {
    assertThat(LogFormat.parse("JSON")).isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.parse("text")).isEqualTo(LogFormat.TEXT);
    assertThatThrownBy(() -> LogFormat.parse("xml")).hasMessage("log format must be text or json, got 'xml'");
  }

  /**
   * Switches this process's logging to {@code format} as {@code ferry serve} does, runs {@code
   * logging}, and returns what it printed; then goes back to the shipped text configuration.
   */
  private static List<String> printed(LogFormat format, Runnable logging) throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      reconfigure(context, "/logback.xml"); // the text format is the configuration Logback starts with
      format.apply();
      logging.run();
    } finally {
      reconfigure(context, "/logback.xml");
      System.setErr(err);
    }
    return new ArrayList<>(captured.toString(StandardCharsets.UTF_8).lines().toList());
  }

  private static void reconfigure(LoggerContext context, String resource) throws Exception {
    context.reset();
    JoranConfigurator config = new JoranConfigurator();
    config.setContext(context);
    config.doConfigure(LogFormatTest.class.getResource(resource));
  }
}
