package ferry.web.client.files;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a file is previewed, decided from its name alone (one place): which element shows it and the
 * {@code Content-Type} the raw URL serves it with. Only types a browser shows without running
 * anything are served as themselves; text of any kind (HTML, SVG, XML, scripts too) is served as
 * {@code text/plain}, and everything else as an attachment.
 */
public enum Media {
  IMAGE, PDF, VIDEO, AUDIO, TEXT, NONE;

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("bmp", "image/bmp"),
      Map.entry("avif", "image/avif"), Map.entry("pdf", "application/pdf"), Map.entry("mp4", "video/mp4"),
      Map.entry("m4v", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("ogv", "video/ogg"),
      Map.entry("mov", "video/quicktime"), Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"),
      Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"), Map.entry("flac", "audio/flac"),
      Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"), Map.entry("opus", "audio/ogg"));
  private static final Set<String> TEXT_EXT = Set.of("txt", "text", "md", "log", "csv", "tsv", "json", "xml",
      "yaml", "yml", "toml", "ini", "conf", "cfg", "properties", "html", "htm", "xhtml", "svg", "js", "mjs", "ts",
      "css", "java", "kt", "py", "rb", "go", "rs", "c", "h", "cpp", "hpp", "cs", "sh", "bash", "ps1", "bat", "sql",
      "tex", "rst", "env", "gitignore", "dockerfile", "jte", "pem", "pub", "edi", "x12", "csr");

  public static final String TEXT_PLAIN = "text/plain; charset=utf-8";

  public static Media of(String name) {
    String ext = extension(name);
    String type = TYPES.get(ext);
    if (type != null) {
      if (type.startsWith("image/")) return IMAGE;
      if (type.startsWith("video/")) return VIDEO;
      if (type.startsWith("audio/")) return AUDIO;
      return PDF;
    }
    return TEXT_EXT.contains(ext) ? TEXT : NONE;
  }

  /** The type the raw URL answers with for {@code name}. */
  public static String rawType(String name) {
    Media m = of(name);
    if (m == TEXT) return TEXT_PLAIN;
    return m == NONE ? "application/octet-stream" : TYPES.get(extension(name));
  }

  /** Whether the raw URL may show the file inline (else it is an attachment). */
  public static boolean inline(String name) {
    return of(name) != NONE;
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return (dot < 0 ? name : name.substring(dot + 1)).toLowerCase(Locale.ROOT);
  }
}
