package ferry.core.session;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A case-insensitive shell pattern for one name: {@code *}, {@code ?} and {@code [a-z]} classes
 * ({@code [!...]} or {@code [^...]} negate). Backslash is an ordinary character, as in names.
 */
public final class NameGlob {
  private final Pattern pattern;

  private NameGlob(Pattern pattern) {
    this.pattern = pattern;
  }

  /**
   * Compiles {@code glob}.
   *
   * @throws IllegalArgumentException for a malformed class such as {@code [z-a]} or {@code [!]}
   */
  public static NameGlob compile(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            re.append(Pattern.quote("["));
          } else {
            String body = glob.substring(i + 1, end);
            boolean negate = body.startsWith("!") || body.startsWith("^");
            body = negate ? body.substring(1) : body;
            re.append('[').append(negate ? "^" : "");
            for (char b : body.toCharArray()) {
              re.append(b == '-' ? "-" : Character.isLetterOrDigit(b) ? String.valueOf(b) : "\\" + b);
            }
            re.append(']');
            i = end;
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    try {
      return new NameGlob(
          Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(e.getDescription(), e);
    }
  }

  /** Whether {@code name} matches, ignoring case. */
  public boolean matches(String name) {
    return pattern.matcher(name).matches();
  }
}
