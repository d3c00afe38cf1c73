package ferry.server.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.web.frame.Messages;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The security part's texts exist in English and German alike, and core messages it shows are mapped. */
class SecurityTextsTest {
  @Test
  void everyKeyIsInBothLanguages() {
    assertThat(Messages.keys("security", Locale.GERMAN)).isEqualTo(Messages.keys("security", Locale.ENGLISH))
        .contains("security.login.title", "security.setup.on");
  }

  @Test
  void coreMessagesOfTheSecondFactorAreTranslated() {
    Messages de = Messages.of(Locale.GERMAN);
    assertThat(de.core("no two-factor authentication for bob")).isEqualTo("bob hat keine Zwei-Faktor-Anmeldung.");
    assertThat(de.core("two-factor authentication is already on")).isEqualTo("Die Zwei-Faktor-Anmeldung ist bereits an.");
    assertThat(de.t("security.setup.on", 7)).isEqualTo("Die Zwei-Faktor-Anmeldung ist an. Verbleibende Wiederherstellungscodes: 7.");
  }
}
