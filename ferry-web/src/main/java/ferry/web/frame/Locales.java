package ferry.web.frame;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The language of a page: the {@code ferry_lang} cookie the language chooser sets, else the
 * browser's {@code Accept-Language}, else English.
 */
public final class Locales {
  public static final String COOKIE = "ferry_lang";

  private Locales() {}

  public static Locale of(Context ctx) {
    String chosen = ctx.cookie(COOKIE);
    if (chosen != null) {
      for (Locale l : Messages.LANGUAGES) if (l.getLanguage().equals(chosen)) return l;
    }
    String accept = ctx.header("Accept-Language");
    if (accept != null && !accept.isBlank()) {
      try {
        Locale found = Locale.lookup(Locale.LanguageRange.parse(accept), Messages.LANGUAGES);
        if (found != null) return found;
      } catch (IllegalArgumentException malformed) {
        // a malformed header is a browser's problem, not the user's: English
      }
    }
    return Messages.LANGUAGES.get(0);
  }

  /** The codes of the languages offered, for the chooser. */
  public static String codes() {
    return Messages.LANGUAGES.stream().map(Locale::getLanguage).collect(Collectors.joining(","));
  }
}
