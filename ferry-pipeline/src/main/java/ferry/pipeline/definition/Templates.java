package ferry.pipeline.definition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Checks the file-name templates of rename's {@code template} and zip's {@code name} by compiling
 * them ({@link NameTemplate}) and expanding a sample: every placeholder known, date patterns
 * valid, counter widths in range, and the name relative and below its directory.
 */
final class Templates {
  private static final Instant SAMPLE_TIME = Instant.parse("2026-12-31T23:59:58Z");

  private Templates() {}

  /** What is wrong with {@code template}; empty when nothing is. */
  static Optional<String> problem(String template) {
    try {
      NameTemplate.parse(template).expand("file.txt", SAMPLE_TIME, ZoneOffset.UTC, () -> 1, "run");
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }
}
