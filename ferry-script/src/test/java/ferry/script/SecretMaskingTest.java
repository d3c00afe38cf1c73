package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.vfs.MemoryVfs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 10, item 4: what a run read with {@code GetSecret} never leaves it in clear text. */
class SecretMaskingTest {
  private static final String TOKEN = "tok-8f3a/9+Zq==";
  private static final Map<String, String> SECRETS =
      Map.of("api", TOKEN, "pem", "-----BEGIN KEY-----\nAAAAline1\nBBBBline2\n-----END KEY-----");

  private static ScriptEngine engine;

  @BeforeAll
  static void startEngine() {
    engine = new ScriptEngine(Scripts.config(1000, 200, 1024));
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  @Test
  void aSecretTheScriptLogsIsMaskedInEveryLogChannel() {
    RecordingHost host = new RecordingHost(SECRETS);

    Scripts.run(
        engine,
        """
        var t = GetSecret('api');
        Log.Info('token=' + t);
        Log.Error('twice ' + t + t);
        console.log('console ' + t);
        console.error('stderr ' + t);
        print('print ' + t);
        """,
        host);

    assertThat(host.messages())
        .containsExactly("token=***", "twice ***", "console ***", "stderr ***", "print ***");
  }

  @Test
  void aThrownSecretIsMaskedInTheErrorTheStackAndTheLog() {
    RecordingHost host = new RecordingHost(SECRETS);

    ScriptOutcome outcome =
        Scripts.run(
            engine,
            """
            function check(t) { throw new Error('rejected ' + t); }
            function outer() { check(GetSecret('api')); }
            outer();
            """,
            host);

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.FAILED);
    assertThat(outcome.error()).startsWith("Error: rejected *** (at test.js:1:");
    assertThat(String.join("\n", host.messages()))
        .contains("rejected ***")
        .contains("at check (test.js:1")
        .doesNotContain(TOKEN);
  }

  @Test
  void encodedFormsOfASecretAreMaskedToo() {
    RecordingHost host = new RecordingHost(SECRETS);

    Scripts.run(
        engine,
        """
        var t = GetSecret('api');
        Log('uri ' + encodeURIComponent(t));
        Log('json ' + JSON.stringify({t: t}));
        Log('auth ' + Params('basic'));
        Log('b64 ' + Params('b64url'));
        """,
        Map.of(
            "basic",
            "Basic " + base64("user:" + TOKEN),
            "b64url",
            Base64.getUrlEncoder().withoutPadding().encodeToString(utf8(TOKEN))),
        host);

    List<String> lines = host.messages();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("uri ***");
    assertThat(lines.get(1)).isEqualTo("json {\"t\":\"***\"}");
    // Inside a longer base64 text only the characters that depend on the secret alone are masked.
    assertThat(lines.get(2)).matches("auth Basic [A-Za-z0-9+/]{7}\\*\\*\\*[A-Za-z0-9+/]?=*");
    assertThat(lines.get(3)).isEqualTo("b64 ***");
  }

  @Test
  void eachLineOfAMultiLineSecretIsMaskedWhenPrintedLineByLine() {
    RecordingHost host = new RecordingHost(SECRETS);

    Scripts.run(
        engine,
        "var k = GetSecret('pem'); console.log(k); Log.Info(k); Log(JSON.stringify(k));",
        host);

    assertThat(host.messages()).containsExactly("***", "***", "***", "***", "***", "\"***\"");
  }

  @Test
  void aSecretCutByTheLineLengthCapLeavesNoPrefixBehind() {
    // Console lines are kept up to 4 bytes per allowed character (804 here), then cut to 200.
    RecordingHost host = new RecordingHost(Map.of("long", "L".repeat(20) + "x".repeat(700)));

    Scripts.run(
        engine,
        "var s = GetSecret('long'); Log('a'.repeat(190) + s); console.log('b'.repeat(190) + s)",
        host);

    assertThat(host.messages())
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).doesNotContain("L").contains("***"));
  }

  @Test
  void transferRecordsMaskSecretsInPathsAndErrors() {
    MemoryVfs inbox = new MemoryVfs("inbox", Clock.systemUTC());
    VfsFiles.put(inbox, "/in/report.csv", "a");
    RecordingHost host =
        new RecordingHost(Map.of("dir", "partner-7f3e9"))
            .vfs("inbox", inbox)
            .vfs("broken", () -> new TestVfs(inbox).failWritesAfter(0));

    Scripts.run(
        engine,
        """
        var d = GetSecret('dir');
        VirtualFSByName('inbox').CopyToVFS('/in/report.csv', VirtualFSByName('broken'), '/' + d);
        """,
        host);

    List<TransferRecord> records = host.transfers();
    assertThat(records).hasSize(1);
    assertThat(records.getFirst().dstPath()).isEqualTo("/***/report.csv");
    assertThat(records.getFirst().toString()).doesNotContain("partner-7f3e9");
  }

  @Test
  void valuesThatWereNotReadAndVeryShortSecretsAreLeftAlone() {
    RecordingHost host = new RecordingHost(Map.of("api", TOKEN, "flag", "on"));

    Scripts.run(
        engine, "GetSecret('flag'); Log('on and ' + Params('x'))", Map.of("x", TOKEN), host);

    assertThat(host.messages()).containsExactly("on and " + TOKEN);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(utf8(text));
  }
}
