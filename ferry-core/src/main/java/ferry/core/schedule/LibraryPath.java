package ferry.core.schedule;

import ferry.core.error.ValidationException;
import java.util.Map;

/**
 * A path inside a VFS Library entry as jobs write it: {@code "folder-name:/path"}.
 *
 * @param folder the VFS Library entry's name
 * @param path an absolute path inside it
 */
public record LibraryPath(String folder, String path) {
  /** Whether {@code s} has the {@code name:/path} form (a plain agent-local path has not). */
  public static boolean looksLike(String s) {
    int colon = s.indexOf(':');
    return colon > 0 && s.startsWith("/", colon + 1) && !s.substring(0, colon).contains("/");
  }

  /** @throws ValidationException naming {@code field} when {@code s} is not {@code name:/path} */
  public static LibraryPath parse(String field, String s) {
    if (s == null || !looksLike(s))
      throw new ValidationException(field + " must name a VFS Library entry and a path in it, as \"folder-name:/path\","
          + " got \"" + s + "\"", Map.of("field", field));
    int colon = s.indexOf(':');
    return new LibraryPath(s.substring(0, colon), s.substring(colon + 1));
  }

  @Override
  public String toString() {
    return folder + ":" + path;
  }
}
