package ferry.vfs;

import java.util.regex.Pattern;

/** Matches file names against a glob mask: {@code *}, {@code ?}, {@code [a-z]}, {@code {a,b}}. */
final class Glob {
  private final Pattern pattern;

  private Glob(Pattern pattern) {
    this.pattern = pattern;
  }

  static boolean isGlob(String name) {
    return name.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  static Glob compile(String mask) {
    StringBuilder re = new StringBuilder();
    boolean inGroup = false;
    for (int i = 0; i < mask.length(); i++) {
      char c = mask.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '[' -> {
          int end = mask.indexOf(']', i + 2);
          if (end < 0) {
            re.append("\\[");
          } else {
            String body = mask.substring(i + 1, end);
            boolean negate = body.startsWith("!");
            body = (negate ? body.substring(1) : body).replace("\\", "\\\\").replace("[", "\\[");
            re.append('[').append(negate ? "^" : "").append(body).append(']');
            i = end;
          }
        }
        case '{' -> {
          inGroup = true;
          re.append("(?:");
        }
        case '}' -> {
          re.append(inGroup ? ")" : "\\}");
          inGroup = false;
        }
        case ',' -> re.append(inGroup ? "|" : ",");
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (inGroup) {
      throw new IllegalArgumentException("Unclosed '{' in glob " + mask);
    }
    return new Glob(Pattern.compile(re.toString()));
  }

  boolean matches(String name) {
    return pattern.matcher(name).matches();
  }
}
