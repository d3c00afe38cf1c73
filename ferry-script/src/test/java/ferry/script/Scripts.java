package ferry.script;

import java.time.Duration;
import java.util.Map;

/** Shortcuts for running test scripts. */
final class Scripts {
  private Scripts() {}

  static ScriptOutcome run(ScriptEngine engine, String source, RecordingHost host) {
    return run(engine, source, Map.of(), host);
  }

  static ScriptOutcome run(
      ScriptEngine engine, String source, Map<String, String> params, RecordingHost host) {
    return engine.run(
        new ScriptRun("test.js", source, params, host, Duration.ofSeconds(30), new CancelSignal()));
  }

  static ScriptConfig config(int maxLogLines, int maxLogLineLength, long maxHttpBodyBytes) {
    return new ScriptConfig(
        ScriptConfig.DEFAULT_TIME_LIMIT,
        maxLogLines,
        maxLogLineLength,
        maxHttpBodyBytes,
        ScriptConfig.DEFAULT_HTTP_TIMEOUT,
        ScriptConfig.DEFAULT_HTTP_CONNECT_TIMEOUT,
        ScriptConfig.DEFAULT_RUN_MEMORY_LIMIT,
        ScriptConfig.DEFAULT_HEAP_LIMIT);
  }
}
