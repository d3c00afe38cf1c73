package ferry.vfs;

import java.util.Map;

/** Reading the flat settings a {@link VfsProvider} gets; errors name the key as {@code type.key}. */
public final class Settings {
  private Settings() {}

  /** The trimmed value, or {@code ""} for null. */
  public static String orEmpty(String s) {
    return s == null ? "" : s.strip();
  }

  /**
   * An integer setting, or {@code fallback} when absent or blank.
   *
   * @throws IllegalArgumentException naming {@code type.key} when it is not a number
   */
  public static int intSetting(Map<String, String> s, String type, String key, int fallback) {
    String v = s.get(key);
    try {
      return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(type + "." + key + ": not a number: " + v, e);
    }
  }

  /** Throws IllegalArgumentException with {@code message} unless {@code ok}. */
  public static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
