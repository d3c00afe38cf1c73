package ferry.web.frame;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every UI string and every message the web UI shows for a server-side refusal, from one set of
 * bundles ({@code ferry/web/i18n/messages*.properties}). A key missing from a language falls back to
 * English; a key missing everywhere shows as {@code ??key??} (and fails {@code MessagesTest}).
 */
public final class Messages {
  /** The languages the UI is complete in; the first is the fallback. */
  public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN);
  /**
   * One bundle per part of the UI, so that each part's texts live in their own pair of files
   * ({@code <name>.properties} and {@code <name>_de.properties}); a key is looked up in each in turn.
   */
  public static final List<String> BUNDLES = List.of("messages", "accounts", "operations", "automation", "files",
      "shares", "security");

  private final Locale locale;
  private final Map<String, String> texts;

  private final List<CoreText> coreTexts;

  /** A server message (in English, from the core) and its text in this language: {@code core.<id>.match} and {@code core.<id>}. */
  private record CoreText(java.util.regex.Pattern match, String key) {}

  private Messages(Locale locale) {
    this.locale = locale;
    this.texts = load(locale);
    this.coreTexts = texts.keySet().stream().filter(k -> k.startsWith("core.") && k.endsWith(".match")).sorted()
        .map(k -> new CoreText(java.util.regex.Pattern.compile(texts.get(k)), k.substring(0, k.length() - 6)))
        .toList();
  }

  private static final java.util.Map<Locale, Messages> CACHE = java.util.Map.of(
      Locale.ENGLISH, new Messages(Locale.ENGLISH), Locale.GERMAN, new Messages(Locale.GERMAN));

  /** The messages of one of {@link #LANGUAGES}. */
  public static Messages of(Locale locale) {
    Messages m = CACHE.get(Locale.of(locale.getLanguage()));
    return m == null ? CACHE.get(Locale.ENGLISH) : m;
  }

  public Locale locale() {
    return locale;
  }

  /** Every key of every bundle in {@code locale}, English filling what a language lacks. */
  private static Map<String, String> load(Locale locale) {
    Map<String, String> all = new java.util.HashMap<>();
    for (Locale l : locale.equals(Locale.ENGLISH) ? List.of(Locale.ENGLISH) : List.of(Locale.ENGLISH, locale)) {
      for (String name : BUNDLES) {
        try {
          ResourceBundle b = ResourceBundle.getBundle("ferry.web.i18n." + name, l,
              ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
          // a language's own file only: the base file answers for English
          if (!b.getLocale().equals(l) && !l.equals(Locale.ENGLISH)) continue;
          for (String k : b.keySet()) all.put(k, b.getString(k));
        } catch (MissingResourceException absent) {
          // a part without texts in this language
        }
      }
    }
    return Map.copyOf(all);
  }

  /** The keys of one bundle file in one language (for MessagesTest). */
  public static java.util.Set<String> keys(String bundle, Locale l) {
    ResourceBundle b = ResourceBundle.getBundle("ferry.web.i18n." + bundle, l,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    return b.getLocale().equals(l) || l.equals(Locale.ENGLISH) ? b.keySet() : java.util.Set.of();
  }

  /** The text of {@code key}, with {@code args} put in its {@code {0}}, {@code {1}}... */
  public String t(String key, Object... args) {
    String pattern = texts.get(key);
    if (pattern == null) return "??" + key + "??";
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }

  /**
   * A message of the core (validation, refusals; always English) in this language: the first {@code
   * core.<id>.match} regex that matches it whole gives the text {@code core.<id>}, its groups as
   * {@code {0}}, {@code {1}}...; a message no pattern knows stays as the core wrote it.
   */
  public String core(String english) {
    if (english == null) return "";
    for (CoreText c : coreTexts) {
      java.util.regex.Matcher m = c.match().matcher(english);
      if (m.matches()) {
        Object[] groups = new Object[m.groupCount()];
        for (int i = 0; i < groups.length; i++) groups[i] = m.group(i + 1);
        return t(c.key(), groups);
      }
    }
    return english;
  }

  /** Whether {@code key} exists (tests, and optional hints). */
  public boolean has(String key) {
    return texts.containsKey(key);
  }
}
