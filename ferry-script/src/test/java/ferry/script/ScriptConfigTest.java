package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScriptConfigTest {
  @Test
  void defaultsAreTheNamedConstants() {
    ScriptConfig config = ScriptConfig.defaults();

    assertThat(config.defaultTimeLimit()).isEqualTo(ScriptConfig.DEFAULT_TIME_LIMIT);
    assertThat(config.maxLogLines()).isEqualTo(ScriptConfig.DEFAULT_MAX_LOG_LINES);
    assertThat(config.maxHttpBodyBytes()).isEqualTo(ScriptConfig.DEFAULT_MAX_HTTP_BODY_BYTES);
  }

  @Test
  void invalidValuesNameTheirKey() {
    assertThatThrownBy(
            () ->
                new ScriptConfig(
                    Duration.ZERO,
                    1,
                    100,
                    1,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    0,
                    ScriptConfig.DEFAULT_HEAP_LIMIT))
        .hasMessageContaining("script.default_time_limit");
    assertThatThrownBy(() -> Scripts.config(0, 100, 1))
        .hasMessageContaining("script.max_log_lines");
    assertThatThrownBy(() -> Scripts.config(1, 100, 0))
        .hasMessageContaining("script.max_http_body_bytes");
    assertThatThrownBy(() -> ScriptConfig.defaults().withRunMemoryLimit(-1))
        .hasMessageContaining("script.run_memory_limit");
  }

  @Test
  void aRunNeedsEveryPart() {
    assertThatThrownBy(
            () ->
                new ScriptRun(
                    "x",
                    "1",
                    java.util.Map.of(),
                    new RecordingHost(),
                    Duration.ofSeconds(-1),
                    new CancelSignal()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new ScriptRun(
                    "x", "1", java.util.Map.of(), null, Duration.ZERO, new CancelSignal()))
        .hasMessage("No script host");
  }
}
