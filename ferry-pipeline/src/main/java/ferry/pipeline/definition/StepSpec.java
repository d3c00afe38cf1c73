package ferry.pipeline.definition;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step as the YAML states it: its type ("zip", "pgp-encrypt", ...), its options as the schema
 * checked them (keys snake_case, values String, Long, Boolean, List or Map), its retry, and the
 * YAML line it starts on (for messages). The step package turns it into a runner.
 */
public record StepSpec(String type, Map<String, Object> options, Retry retry, int line) {
  public StepSpec {
    requireNonNull(type, "No step type");
    options = options == null ? Map.of() : Map.copyOf(options);
    retry = retry == null ? Retry.ONCE : retry;
  }

  public Optional<String> string(String key) {
    return Optional.ofNullable(options.get(key)).map(Object::toString);
  }

  /** A required option, for runners (the schema already demanded it). */
  public String required(String key) {
    return string(key).orElseThrow(() -> new IllegalStateException("step " + type + " lacks " + key));
  }

  public boolean flag(String key, boolean fallback) {
    Object v = options.get(key);
    return v instanceof Boolean b ? b : fallback;
  }

  public Optional<Long> number(String key) {
    Object v = options.get(key);
    return v instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    Object v = options.get(key);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  public List<Object> list(String key) {
    Object v = options.get(key);
    return v instanceof List<?> l ? (List<Object>) l : List.of();
  }

  /** How often a step is tried and how long to wait between tries (doubling each time). */
  public record Retry(int attempts, Duration backoff) {
    public static final Retry ONCE = new Retry(1, Duration.ZERO);

    public Retry {
      if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
      backoff = backoff == null ? Duration.ZERO : backoff;
    }
  }
}
