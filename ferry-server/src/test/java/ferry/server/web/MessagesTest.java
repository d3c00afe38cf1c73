package ferry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.web.frame.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every text of the web UI exists in English and German: each key of {@code ferry/web/i18n/<part>.properties}
 * is in {@code <part>_de.properties} and the other way round, for every part {@link Messages#BUNDLES}
 * names; the {@code core.<id>} translations of the core's English messages live in the German files alone.
 * (That no rendered page shows a {@code ??key??} is checked by {@link WebSecurityHeadersTest},
 * which renders every page in both languages.)
 */
class MessagesTest {
  static Properties load(String resource) throws IOException {
    Properties p = new Properties();
    try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream("ferry/web/i18n/" + resource)) {
      assertThat(in).as("bundle file " + resource).isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void everyKeyIsInEnglishAndGerman() throws IOException {
    SoftAssertions soft = new SoftAssertions();
    for (String part : Messages.BUNDLES) {
      Set<String> en = new TreeSet<>(load(part + ".properties").stringPropertyNames());
      Set<String> de = new TreeSet<>(load(part + "_de.properties").stringPropertyNames());
      // core.<id>.match and core.<id> translate the core's English messages: German files only
      en.removeIf(k -> k.startsWith("core."));
      de.removeIf(k -> k.startsWith("core."));
      Set<String> notInGerman = new TreeSet<>(en);
      notInGerman.removeAll(de);
      Set<String> notInEnglish = new TreeSet<>(de);
      notInEnglish.removeAll(en);
      soft.assertThat(notInGerman).as(part + "_de.properties lacks").isEmpty();
      soft.assertThat(notInEnglish).as(part + ".properties lacks").isEmpty();
    }
    soft.assertAll();
  }

  @Test
  void keysOfAPartCarryItsPrefixAndNoKeyIsInTwoParts() throws IOException {
    SoftAssertions soft = new SoftAssertions();
    java.util.Map<String, String> owner = new java.util.HashMap<>();
    for (String part : Messages.BUNDLES) {
      for (String key : load(part + ".properties").stringPropertyNames()) {
        String before = owner.put(key, part);
        soft.assertThat(before).as("key " + key + " of " + part + " is also in " + before).isNull();
        if (!part.equals("messages"))
          soft.assertThat(key).as("key of " + part + ".properties").matches(part + "\\..+|core\\." + part + "\\..+");
      }
    }
    soft.assertAll();
  }

  @Test
  void everyCoreMatchIsAValidRegexWithItsText() throws IOException {
    SoftAssertions soft = new SoftAssertions();
    for (String part : Messages.BUNDLES) {
      for (String file : new String[] {part + ".properties", part + "_de.properties"}) {
        Properties p = load(file);
        for (String key : p.stringPropertyNames()) {
          if (!key.startsWith("core.") || !key.endsWith(".match")) continue;
          soft.assertThatCode(() -> Pattern.compile(p.getProperty(key))).as(file + " " + key).doesNotThrowAnyException();
          String text = key.substring(0, key.length() - ".match".length());
          soft.assertThat(p.getProperty(text)).as(file + " has the text of " + key).isNotNull();
        }
      }
    }
    soft.assertAll();
  }
}
