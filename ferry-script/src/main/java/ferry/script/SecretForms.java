package ferry.script;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The texts under which a secret value can show up in a job's output: the value itself, each line
 * of a multi-line value (a PEM key printed line by line), and the encodings a script is likely to
 * apply: JSON string escaping, {@code encodeURIComponent}, form encoding, and base64 (standard and
 * URL-safe, with and without padding, alone or inside a longer base64 text such as a Basic
 * credential).
 */
final class SecretForms {
  // In base64, a value that starts 1 or 2 bytes into a 3-byte group shares its first 2 or 3
  // characters with the bytes before it; only the characters after those are its own.
  private static final int[] SHARED_LEADING_CHARS = {0, 2, 3};
  private static final String URI_COMPONENT_SAFE = "-_.!~*'()";

  private SecretForms() {}

  /**
   * Returns every form of {@code value} that is at least {@code minLength} characters long and not
   * blank.
   */
  static Set<String> of(String value, int minLength) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(value);
    forms.add(json(value));
    forms.add(uriComponent(value));
    forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (Base64.Encoder encoder :
        new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
      forms.add(encoder.encodeToString(bytes));
      for (int offset = 0; offset < 3; offset++) {
        forms.add(embeddedBase64(encoder.withoutPadding(), bytes, offset));
      }
    }
    for (String line : value.split("\\R")) {
      forms.add(line);
    }
    forms.removeIf(form -> form.isBlank() || form.length() < minLength);
    return forms;
  }

  /**
   * The characters that {@code bytes} alone determine when they start {@code offset} bytes into a
   * 3-byte group of a longer base64 text; without padding, whose presence depends on what follows.
   */
  private static String embeddedBase64(Base64.Encoder encoder, byte[] bytes, int offset) {
    byte[] shifted = new byte[offset + bytes.length];
    System.arraycopy(bytes, 0, shifted, offset, bytes.length);
    String text = encoder.encodeToString(shifted);
    int start = SHARED_LEADING_CHARS[offset];
    // A last group that is not full ends with a character shared with the next byte.
    int end = text.length() - (shifted.length % 3 == 0 ? 0 : 1);
    return start < end ? text.substring(start, end) : "";
  }

  private static String json(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  // What JavaScript's encodeURIComponent produces: %XX in upper case for every other byte.
  private static String uriComponent(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      boolean safe =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || URI_COMPONENT_SAFE.indexOf(c) >= 0;
      if (safe) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
