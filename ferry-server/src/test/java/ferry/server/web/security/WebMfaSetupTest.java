package ferry.server.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.web.WebClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Turning the second factor off, by the account or by an admin with disable_mfa; new recovery codes (issue 15). */
class WebMfaSetupTest extends MfaServer {
  @Test
  void anAdminWithDisableMfaTurnsOffAnotherAccountsFactor() throws Exception {
    user("lost-phone");
    Mfa.enable(WebClient.of(server).loginUser("lost-phone", PW), "/web/client");
    admin("totp-viewer", "view_users");
    admin("helpdesk", "disable_mfa");
    WebClient root = WebClient.of(server).loginAdmin("admin", ferry.server.TestServers.ADMIN_PASSWORD);
    assertThat(root.get("/web/admin/users/lost-phone").body()).contains("id=\"mfa-admin-off\"");

    WebClient viewer = WebClient.of(server).loginAdmin("totp-viewer", PW);
    viewer.get("/web/admin");
    assertThat(viewer.postForm("/web/admin/users/lost-phone/mfa/disable", Map.of()).status()).isEqualTo(403);
    passwordOnly("/web/client", "lost-phone");

    WebClient helpdesk = WebClient.of(server).loginAdmin("helpdesk", PW);
    helpdesk.get("/web/admin");
    WebClient.Page off = helpdesk.htmx("POST", "/web/admin/users/lost-phone/mfa/disable", Map.of());
    assertThat(off.status()).as(off.body()).isEqualTo(200);
    assertThat(off.body()).contains("Two-factor authentication is off for lost-phone.");
    assertThat(helpdesk.postForm("/web/admin/users/lost-phone/mfa/disable", Map.of()).status()).isEqualTo(404);
    assertThat(helpdesk.postForm("/web/admin/admins/nobody/mfa/disable", Map.of()).status()).isEqualTo(404);
    assertThat(root.get("/web/admin/users/lost-phone").body()).doesNotContain("mfa-admin-off");

    WebClient user = WebClient.of(server);
    user.get("/web/client/login");
    assertThat(user.postForm("/web/client/login", Map.of("username", "lost-phone", "password", PW))
        .header("Location")).isEqualTo("/web/client");
  }

  @Test
  void anAccountMakesNewCodesAndTurnsItsFactorOffWithItsPassword() throws Exception {
    user("self-off");
    WebClient web = WebClient.of(server).loginUser("self-off", PW);
    Mfa app = Mfa.enable(web, "/web/client");
    assertThat(web.postForm("/web/client/profile/mfa/codes", Map.of("code", app.lastCode())).status()).isEqualTo(422);
    WebClient.Page fresh = web.postForm("/web/client/profile/mfa/codes", Map.of("code", app.nextCode()));
    assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
    assertThat(fresh.body()).contains("recovery-codes").doesNotContain(app.recoveryCodes.get(0));

    WebClient.Page wrong = web.postForm("/web/client/profile/mfa/disable", Map.of("password", "wrong"));
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.body()).contains("Wrong code or password.");
    assertThat(web.postForm("/web/client/profile/mfa/disable", Map.of("password", PW)).status()).isEqualTo(303);
    assertThat(web.get("/web/client/profile/mfa").body()).contains("Two-factor authentication is off.");
  }
}
