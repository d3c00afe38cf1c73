package ferry.script;

import static java.util.Objects.requireNonNull;

import ferry.vfs.FileAttrs;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The result of a method of a VFS object. Every result has {@code Ok()} and {@code ErrorMsg()}
 * ({@code ""} when ok); each {@link Kind} adds its data getters, which return neutral values (empty
 * array, 0, "", false) when the call failed.
 */
final class VfsResult {
  /** The data a result carries. */
  enum Kind {
    /** Only {@code Ok()} and {@code ErrorMsg()}. */
    BASIC,
    /** {@code Files()}, {@code Bytes()}, {@code Count()}. */
    TRANSFER,
    /** {@code Entries()}. */
    DIR,
    /** {@code Name()}, {@code Size()}, {@code Modified()}, {@code IsDir()}. */
    STAT,
    /** {@code Exists()}. */
    EXISTS,
    /** {@code Text()}. */
    TEXT
  }

  private final String error;
  private final Map<String, Object> data;

  private VfsResult(String error, Map<String, Object> data) {
    this.error = requireNonNull(error, "No error");
    this.data = data;
  }

  /** A successful result without data. */
  static VfsResult ok() {
    return new VfsResult("", Map.of());
  }

  /** A failed result of {@code kind}: {@code ErrorMsg()} is {@code error}, data is neutral. */
  static VfsResult failed(Kind kind, String error) {
    Map<String, Object> data =
        switch (kind) {
          case BASIC -> Map.of();
          case TRANSFER -> transferData(List.of(), 0, 0);
          case DIR -> Map.of("Entries", JsData.array(List.of()));
          case STAT -> statData(new FileAttrs("", 0, Instant.EPOCH, false), "");
          case EXISTS -> Map.of("Exists", false);
          case TEXT -> Map.of("Text", "");
        };
    return new VfsResult(error.isEmpty() ? "failed" : error, data);
  }

  /** A copy, move, download or upload; {@code error} is "" if every file went well. */
  static VfsResult transfer(List<JsData> files, long bytes, int count, String error) {
    return new VfsResult(error, transferData(files, bytes, count));
  }

  /** A directory listing; {@code error} is "" unless the listing was cut. */
  static VfsResult dir(List<JsData> entries, String error) {
    return new VfsResult(error, Map.of("Entries", JsData.array(entries)));
  }

  /** The attributes of one file or directory. */
  static VfsResult stat(FileAttrs attrs) {
    return new VfsResult("", statData(attrs, iso(attrs.modified())));
  }

  /** Whether a path exists. */
  static VfsResult exists(boolean exists) {
    return new VfsResult("", Map.of("Exists", exists));
  }

  /** The content of a text file. */
  static VfsResult text(String text) {
    return new VfsResult("", Map.of("Text", text));
  }

  /** One entry of {@code ReadDir(...).Entries()}. */
  static JsData entry(FileAttrs attrs) {
    return JsData.of(
        "name", attrs.name(),
        "size", attrs.size(),
        "modified", iso(attrs.modified()),
        "isDir", attrs.isDir());
  }

  JsObject toJs() {
    Map<String, ProxyExecutable> members = new LinkedHashMap<>();
    members.put("Ok", args -> error.isEmpty());
    members.put("ErrorMsg", args -> error);
    data.forEach((name, value) -> members.put(name, args -> value));
    return new JsObject(members);
  }

  // Milliseconds are what JavaScript's Date keeps; more digits only confuse Date.parse.
  private static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static Map<String, Object> transferData(List<JsData> files, long bytes, int count) {
    return Map.of("Files", JsData.array(files), "Bytes", bytes, "Count", count);
  }

  private static Map<String, Object> statData(FileAttrs attrs, String modified) {
    return Map.of(
        "Name", attrs.name(), "Size", attrs.size(), "Modified", modified, "IsDir", attrs.isDir());
  }
}
