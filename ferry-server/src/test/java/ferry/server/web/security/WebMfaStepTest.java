package ferry.server.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.web.WebClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The second-factor step: next paths, cancel, the password first, German texts (issue 15). */
class WebMfaStepTest extends MfaServer {
  @Test
  void cancellingTheStepEndsTheSessionAndNextPathsAreKept() {
    admin("totp-cancel", "*");
    Mfa app = Mfa.enable(WebClient.of(server).loginAdmin("totp-cancel", PW), "/web/admin");
    WebClient web = WebClient.of(server);
    web.get("/web/admin/login?next=/web/admin/profile/mfa");
    WebClient.Page p = web.postForm("/web/admin/login", Map.of("username", "totp-cancel", "password", PW,
        "next", "/web/admin/profile/mfa"));
    assertThat(p.header("Location")).isEqualTo("/web/admin/login/mfa?next=%2Fweb%2Fadmin%2Fprofile%2Fmfa");
    assertThat(web.get(p.header("Location")).body()).contains("value=\"/web/admin/profile/mfa\"");
    WebClient.Page ok = web.postForm("/web/admin/login/mfa", Map.of("code", app.nextCode(),
        "next", "/web/admin/profile/mfa"));
    assertThat(ok.header("Location")).isEqualTo("/web/admin/profile/mfa");

    WebClient other = passwordOnly("/web/admin", "totp-cancel");
    assertThat(other.postForm("/web/admin/login/mfa/cancel", Map.of()).header("Location"))
        .isEqualTo("/web/admin/login");
    assertThat(other.get("/web/admin/login/mfa").header("Location")).matches("/web/admin/login(\\?.*)?");
  }

  @Test
  void theSecretIsStoredSealedAndTheAccountsPasswordStillComesFirst() {
    admin("sealed", "*");
    Mfa app = Mfa.enable(WebClient.of(server).loginAdmin("sealed", PW), "/web/admin");
    WebClient web = WebClient.of(server);
    web.get("/web/admin/login");
    assertThat(web.postForm("/web/admin/login", Map.of("username", "sealed", "password", "wrong")).status())
        .isEqualTo(401);
    assertThat(web.get("/web/admin/login/mfa").header("Location")).matches("/web/admin/login(\\?.*)?");
    assertThat(app.secret).hasSize(32);
  }
  @Test
  void theStepAndTheSetupPageSpeakGerman() throws Exception {
    user("deutsch");
    WebClient web = WebClient.of(server);
    web.get("/web/lang?l=de&next=/web/client");
    web.get("/web/client/login");
    web.postForm("/web/client/login", Map.of("username", "deutsch", "password", PW));
    assertThat(web.get("/web/client/profile/mfa").body()).contains("Die Zwei-Faktor-Anmeldung ist aus.")
        .contains("Einschalten");
    Mfa.enable(web, "/web/client");
    assertThat(web.get("/web/client/profile/mfa").body()).contains("Verbleibende Wiederherstellungscodes: 10");
    web.postForm("/web/client/logout", Map.of());
    web.get("/web/client/login");
    web.postForm("/web/client/login", Map.of("username", "deutsch", "password", PW));
    WebClient.Page step = web.get("/web/client/login/mfa");
    assertThat(step.body()).contains("Zweiter Faktor").contains("Einen Wiederherstellungscode verwenden");
    assertThat(web.postForm("/web/client/login/mfa", Map.of("code", "x")).body())
        .contains("Falscher oder bereits verwendeter Code.");
  }
}
