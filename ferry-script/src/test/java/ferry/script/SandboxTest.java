package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxTest {
  private static ScriptEngine engine;

  @BeforeAll
  static void startEngine() {
    engine = new ScriptEngine(ScriptConfig.defaults());
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Java.type('java.lang.Runtime').getRuntime().exec('id')",
        "Java.type('java.io.File')",
        "Java.type('java.lang.Thread')",
        "Java.type('java.lang.System').getenv()",
        "Java.addToClasspath('/tmp')",
        "require('fs').readFileSync('/etc/passwd')",
        "require('child_process')",
        "load('/etc/passwd')",
        "load('file:///etc/passwd')",
        "load('http://127.0.0.1:9/evil.js')",
        "Polyglot.eval('js', '1')",
        "Polyglot.import('x')",
        "Packages.java.lang.System.exit(1)",
        "java.lang.System.exit(1)",
        "process.env.PATH",
        "HttpCli().getClass().forName('java.lang.Runtime')",
        "Log.getClass()",
        "HttpCli().Url('http://127.0.0.1:9').Get().getClass()",
        "VirtualFSByName('x').getClass()",
        "VirtualFSByName('x').Stat('/').getClass()",
        "VirtualFSByName.constructor.constructor('return Java.type(\"java.io.File\")')()",
        "Params.constructor.constructor('return Java.type(\"java.lang.System\")')()",
        "new Worker('x.js')",
        "readFile('/etc/passwd')",
        "quit(1)"
      })
  void escapeAttemptsAreRefused(String attempt) {
    RecordingHost host = new RecordingHost();
    ScriptOutcome outcome =
        Scripts.run(
            engine,
            "var r; try { r = "
                + attempt
                + "; } catch (e) { Log('refused: ' + e); }"
                + " if (r !== undefined) { Log('ESCAPED: ' + r); }",
            host);

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
    assertThat(host.messages()).hasSize(1);
    assertThat(host.messages().getFirst()).startsWith("refused: ");
  }
}
