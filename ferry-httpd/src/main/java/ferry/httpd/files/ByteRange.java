package ferry.httpd.files;

import java.util.Optional;

/**
 * One byte range of a {@code Range: bytes=...} header (RFC 9110 14.1.2), inclusive at both ends. One
 * parser for every download of /api/v2 (user files and shares).
 * Several ranges or a header of another unit are ignored: the whole file is sent, as the RFC allows.
 */
public record ByteRange(long first, long last) {
  /** What a Range header asks of a file of {@code size} bytes. */
  public sealed interface Ask permits Whole, Part, Unsatisfiable {}

  public record Whole() implements Ask {}

  public record Part(ByteRange range) implements Ask {}

  public record Unsatisfiable() implements Ask {}

  public long length() {
    return last - first + 1;
  }

  /** The Content-Range value of this range of a file of {@code size} bytes. */
  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  public static Ask parse(String header, long size) {
    if (header == null) return new Whole();
    String h = header.strip();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) return new Whole();
    String spec = h.substring(6).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) return new Whole();
    Optional<Long> a = number(spec.substring(0, dash));
    Optional<Long> b = number(spec.substring(dash + 1));
    if (dash == 0) { // suffix: the last n bytes
      if (b.isEmpty()) return new Whole();
      if (b.get() == 0 || size == 0) return new Unsatisfiable();
      return new Part(new ByteRange(Math.max(0, size - b.get()), size - 1));
    }
    if (a.isEmpty()) return new Whole();
    if (spec.substring(dash + 1).isBlank()) b = Optional.of(Long.MAX_VALUE);
    if (b.isEmpty() || b.get() < a.get()) return new Whole(); // invalid: ignored
    if (a.get() >= size) return new Unsatisfiable();
    return new Part(new ByteRange(a.get(), Math.min(b.get(), size - 1)));
  }

  private static Optional<Long> number(String s) {
    String t = s.strip();
    if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(Character::isDigit)) return Optional.empty();
    return Optional.of(Long.parseLong(t));
  }
}
