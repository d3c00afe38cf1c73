package ferry.pipeline.definition;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A file-name template of the rename step and of zip's {@code name}: literal text with
 * placeholders in braces.
 *
 * <ul>
 *   <li>{@code {name}} the file's name ("report.csv"), {@code {stem}} without its last extension
 *       ("report"), {@code {ext}} that extension without the dot ("csv", "" when there is none)
 *   <li>{@code {date}} yyyyMMdd, {@code {time}} HHmmss, {@code {datetime}} yyyyMMdd'T'HHmmss: when the
 *       run started, in the zone of the run's clock; each takes a java.time pattern too, e.g.
 *       {@code {date:yyyy-MM-dd}}
 *   <li>{@code {counter}} the run's counter (1, 2, ...; one value per file); {@code {counter:4}} zero-padded
 *       to 4 digits
 *   <li>{@code {run_id}} the run's id
 * </ul>
 * The expansion is a relative name: it may hold '/' for folders but never ".." or a leading '/'.
 * The one grammar of templates: the YAML checks compile them, the steps expand them.
 */
public final class NameTemplate {
  private static final int MAX_PAD = 18;

  private final String source;
  private final List<Part> parts;

  private NameTemplate(String source, List<Part> parts) {
    this.source = source;
    this.parts = parts;
  }

  /**
   * Compiles {@code template}.
   *
   * @throws IllegalArgumentException naming the placeholder, for an unknown placeholder, a bad
   *     date pattern, a bad counter width or an unclosed brace
   */
  public static NameTemplate parse(String template) {
    if (template.isEmpty()) throw new IllegalArgumentException("the template is empty");
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      int close = template.indexOf('}', i);
      if (close >= 0 && (open < 0 || close < open)) throw new IllegalArgumentException("\"}\" without \"{\" in the template");
      if (open < 0) {
        parts.add(new Part(Kind.TEXT, template.substring(i), null, 0));
        break;
      }
      if (open > i) parts.add(new Part(Kind.TEXT, template.substring(i, open), null, 0));
      int end = template.indexOf('}', open);
      if (end < 0) throw new IllegalArgumentException("unclosed \"{\" in the template");
      parts.add(placeholder(template.substring(open + 1, end)));
      i = end + 1;
    }
    return new NameTemplate(template, List.copyOf(parts));
  }

  private static Part placeholder(String body) {
    int colon = body.indexOf(':');
    String key = colon < 0 ? body : body.substring(0, colon);
    String arg = colon < 0 ? null : body.substring(colon + 1);
    Kind kind =
        switch (key) {
          case "name" -> Kind.NAME;
          case "stem" -> Kind.STEM;
          case "ext" -> Kind.EXT;
          case "date" -> Kind.DATE;
          case "time" -> Kind.TIME;
          case "datetime" -> Kind.DATETIME;
          case "counter" -> Kind.COUNTER;
          case "run_id" -> Kind.RUN_ID;
          default -> throw new IllegalArgumentException("unknown placeholder {" + body + "}; known: {name} {stem} {ext}"
              + " {date} {time} {datetime} {counter} {run_id}");
        };
    if (arg == null) return new Part(kind, null, kind.defaultPattern == null ? null : formatter(kind.defaultPattern), 0);
    return switch (kind) {
      case DATE, TIME, DATETIME -> new Part(kind, null, formatter(arg, body), 0);
      case COUNTER -> new Part(kind, null, null, width(arg, body));
      default -> throw new IllegalArgumentException("placeholder {" + key + "} takes no argument: {" + body + "}");
    };
  }

  private static DateTimeFormatter formatter(String pattern, String body) {
    try {
      return formatter(pattern);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad date pattern in {" + body + "}: " + e.getMessage());
    }
  }

  private static DateTimeFormatter formatter(String pattern) {
    if (pattern.isEmpty()) throw new IllegalArgumentException("empty pattern");
    return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
  }

  private static int width(String arg, String body) {
    try {
      int w = Integer.parseInt(arg);
      if (w >= 1 && w <= MAX_PAD) return w;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("counter width must be 1 to " + MAX_PAD + ": {" + body + "}");
  }

  /** Whether the template uses {counter} (each expansion then takes the run's next value). */
  public boolean usesCounter() {
    return parts.stream().anyMatch(p -> p.kind == Kind.COUNTER);
  }

  /**
   * Expands the template for a file named {@code fileName} ("report.csv") in a run that started
   * {@code at}, dates in {@code zone}; {@code counter} gives the run's next counter value.
   *
   * @throws IllegalArgumentException when the result is not a safe relative name (empty, absolute,
   *     with ".." or a backslash), or a date pattern cannot format the time
   */
  public String expand(String fileName, Instant at, ZoneId zone, LongSupplier counter, String runId) {
    long count = usesCounter() ? counter.getAsLong() : 0;
    int dot = fileName.lastIndexOf('.');
    boolean hasExt = dot > 0;
    StringBuilder out = new StringBuilder();
    try {
      for (Part p : parts) {
        out.append(
            switch (p.kind) {
              case TEXT -> p.text;
              case NAME -> fileName;
              case STEM -> hasExt ? fileName.substring(0, dot) : fileName;
              case EXT -> hasExt ? fileName.substring(dot + 1) : "";
              case DATE, TIME, DATETIME -> p.format.format(at.atZone(zone));
              case COUNTER -> pad(count, p.width);
              case RUN_ID -> runId;
            });
      }
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("template " + source + ": " + e.getMessage(), e);
    }
    String name = out.toString();
    if (!safe(name))
      throw new IllegalArgumentException("the template must make a relative file name (no leading \"/\", no \"..\","
          + " no \"\\\"); " + source + " makes \"" + name + "\"");
    return name;
  }

  /** Whether {@code name} is a relative file name that stays below its directory. */
  public static boolean safe(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.endsWith("/") || name.contains("\\") || name.contains("\0")) return false;
    for (String seg : name.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) return false;
    }
    return true;
  }

  private static String pad(long value, int width) {
    String s = Long.toString(value);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  @Override
  public String toString() {
    return source;
  }

  private enum Kind {
    TEXT(null), NAME(null), STEM(null), EXT(null), DATE("yyyyMMdd"), TIME("HHmmss"), DATETIME("yyyyMMdd'T'HHmmss"),
    COUNTER(null), RUN_ID(null);

    final String defaultPattern;

    Kind(String defaultPattern) {
      this.defaultPattern = defaultPattern;
    }
  }

  private record Part(Kind kind, String text, DateTimeFormatter format, int width) {}
}
