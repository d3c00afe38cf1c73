package ferry.pipeline.definition;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the file-name templates of rename's {@code template} and zip's {@code name}: every
 * placeholder known, date patterns valid, counter widths in range, and the name a sample
 * expansion makes a relative one that stays below its directory (no "..", no leading "/").
 */
final class Templates {
  static final Set<String> PLACEHOLDERS = Set.of("name", "stem", "ext", "date", "time", "datetime", "counter", "run_id");
  private static final int MAX_COUNTER_WIDTH = 18;
  private static final ZonedDateTime SAMPLE_TIME = ZonedDateTime.of(2026, 12, 31, 23, 59, 58, 0, ZoneOffset.UTC);

  private Templates() {}

  /** What is wrong with {@code template}; empty when nothing is. */
  static Optional<String> problem(String template) {
    StringBuilder sample = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '}') return Optional.of("\"}\" without \"{\" in the template");
      if (c != '{') {
        sample.append(c);
        i++;
        continue;
      }
      int end = template.indexOf('}', i);
      if (end < 0) return Optional.of("unclosed \"{\" in the template");
      String body = template.substring(i + 1, end);
      Optional<String> bad = expand(body, sample);
      if (bad.isPresent()) return bad;
      i = end + 1;
    }
    String name = sample.toString();
    if (!safe(name))
      return Optional.of("the template must make a relative file name (no leading \"/\", no \"..\", no \"\\\"), e.g. \""
          + name + "\" is not one");
    return Optional.empty();
  }

  private static Optional<String> expand(String body, StringBuilder sample) {
    int colon = body.indexOf(':');
    String key = colon < 0 ? body : body.substring(0, colon);
    String arg = colon < 0 ? null : body.substring(colon + 1);
    if (!PLACEHOLDERS.contains(key))
      return Optional.of("unknown placeholder {" + body + "}; known: {name} {stem} {ext} {date} {time} {datetime}"
          + " {counter} {run_id}");
    switch (key) {
      case "date", "time", "datetime" -> {
        String pattern = arg != null ? arg : key.equals("date") ? "yyyyMMdd" : key.equals("time") ? "HHmmss" : "yyyyMMdd'T'HHmmss";
        try {
          sample.append(DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(SAMPLE_TIME));
        } catch (RuntimeException e) { // IllegalArgumentException or DateTimeException for the pattern
          return Optional.of("bad date pattern in {" + body + "}: " + e.getMessage());
        }
      }
      case "counter" -> {
        if (arg != null && !arg.matches("[0-9]{1,2}") || arg != null && (Integer.parseInt(arg) < 1
            || Integer.parseInt(arg) > MAX_COUNTER_WIDTH))
          return Optional.of("counter width must be 1 to " + MAX_COUNTER_WIDTH + ": {" + body + "}");
        sample.append('1');
      }
      default -> {
        if (arg != null) return Optional.of("placeholder {" + key + "} takes no argument: {" + body + "}");
        sample.append(switch (key) {
          case "name" -> "file.txt";
          case "stem" -> "file";
          case "ext" -> "txt";
          default -> "run";
        });
      }
    }
    return Optional.empty();
  }

  /** Whether {@code name} is relative and stays below its directory. */
  static boolean safe(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.endsWith("/") || name.contains("\\") || name.contains("\0"))
      return false;
    for (String seg : name.split("/", -1)) if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) return false;
    return true;
  }
}
