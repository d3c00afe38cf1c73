package ferry.server.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.web.WebClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TOTP and recovery codes at the web login of the console and the client (issue 15). */
class WebMfaLoginTest extends MfaServer {
  @Test
  void aUserLogsInWithACodeAndACodeIsGoodOnce() throws Exception {
    user("totp-user");
    WebClient web = WebClient.of(server).loginUser("totp-user", PW);
    Mfa app = Mfa.enable(web, "/web/client");
    assertThat(web.get("/web/client/profile/mfa").body()).contains("Recovery codes left: 10")
        .doesNotContain(app.secret);

    WebClient next = passwordOnly("/web/client", "totp-user");
    assertThat(next.get("/web/client/files").header("Location")).isEqualTo("/web/client/login/mfa");
    WebClient.Page replay = next.postForm("/web/client/login/mfa", Map.of("code", app.lastCode()));
    assertThat(replay.status()).as("the step that confirmed the setup").isEqualTo(422);
    assertThat(replay.body()).contains("Wrong or already used code.");
    assertThat(next.get("/web/client/files").status()).as("still waiting for the factor").isEqualTo(303);

    String code = app.nextCode();
    WebClient.Page ok = next.postForm("/web/client/login/mfa", Map.of("code", code));
    assertThat(ok.status()).as(ok.body()).isEqualTo(303);
    assertThat(ok.header("Location")).isEqualTo("/web/client");
    assertThat(next.get("/web/client/files").status()).isEqualTo(200);

    WebClient third = passwordOnly("/web/client", "totp-user");
    assertThat(third.postForm("/web/client/login/mfa", Map.of("code", code)).status()).as("replayed").isEqualTo(422);
  }

  @Test
  void anAdminInTheMfaStageReachesNoConsolePageAndARecoveryCodeWorksOnce() {
    admin("totp-admin", "*");
    Mfa app = Mfa.enable(WebClient.of(server).loginAdmin("totp-admin", PW), "/web/admin");

    WebClient web = passwordOnly("/web/admin", "totp-admin");
    for (String page : List.of("/web/admin", "/web/admin/profile/mfa")) {
      WebClient.Page p = web.get(page);
      assertThat(p.status()).as(page).isEqualTo(303);
      assertThat(p.header("Location")).as(page).isEqualTo("/web/admin/login/mfa");
      assertThat(web.htmxGet(page).header("HX-Redirect")).as(page).isEqualTo("/web/admin/login/mfa");
    }
    assertThat(web.postForm("/web/admin/admins/admin/mfa/disable", Map.of()).status()).isEqualTo(401);

    String recovery = app.recoveryCodes.get(0);
    WebClient.Page used = web.postForm("/web/admin/login/mfa", Map.of("recovery", recovery.toUpperCase()));
    assertThat(used.status()).as(used.body()).isEqualTo(303);
    assertThat(web.get("/web/admin").status()).isEqualTo(200);
    assertThat(web.get("/web/admin/profile/mfa").body()).contains("Recovery codes left: 9");

    WebClient again = passwordOnly("/web/admin", "totp-admin");
    assertThat(again.postForm("/web/admin/login/mfa", Map.of("recovery", recovery)).status()).isEqualTo(422);
    assertThat(again.postForm("/web/admin/login/mfa", Map.of("recovery", app.recoveryCodes.get(1))).status())
        .isEqualTo(303);
  }

  @Test
  void anAdminInTheMfaStageCannotListUsers() {
    WebClient ready = WebClient.of(server).loginAdmin("admin", ferry.server.TestServers.ADMIN_PASSWORD);
    org.junit.jupiter.api.Assumptions.assumeTrue(ready.get("/web/admin/users").status() != 404,
        "the users page comes with the accounts part of issue 15");
    admin("totp-lister", "*");
    Mfa.enable(WebClient.of(server).loginAdmin("totp-lister", PW), "/web/admin");
    WebClient web = passwordOnly("/web/admin", "totp-lister");
    WebClient.Page p = web.get("/web/admin/users");
    assertThat(p.status()).isEqualTo(303);
    assertThat(p.header("Location")).isEqualTo("/web/admin/login/mfa");
    assertThat(web.htmxGet("/web/admin/users?q=a").header("HX-Redirect")).isEqualTo("/web/admin/login/mfa");
  }
}
