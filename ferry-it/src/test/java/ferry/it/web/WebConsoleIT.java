package ferry.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.S3Server;
import ferry.it.support.SshClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin console in headless Chromium against a real {@code ferry serve} on HTTPS started without
 * an admin password: the first-admin setup, login and logout, CSRF refusal, the security headers and
 * a clean CSP on every main page (with screenshots at desktop and phone width), and an admin who
 * creates a user with an S3 home that then logs in with OpenSSH's sftp.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleIT {
  static final String NEW_PASSWORD = "Console-Passw0rd-42";

  @RegisterExtension static final Browser BROWSER = new Browser();
  @TempDir static Path tmp;
  static FerryProcess server;
  static String base;

  @BeforeAll
  static void start() {
    // no FERRY_ADMIN_PASSWORD: the server generates the first admin's password into the data dir
    server = FerryProcess.start(tmp.resolve("data"), List.of(), Map.of("FERRY_ADMIN_PASSWORD", ""));
    base = server.url();
    assertThat(base).startsWith("https://");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  @Order(1)
  void theFirstAdminChoosesAPasswordWithTheGeneratedOne() throws Exception {
    Path initial = server.dataDir().resolve("initial-admin-password");
    assertThat(initial).as("the generated password of a server without FERRY_ADMIN_PASSWORD").exists();
    Browser.Window w = BROWSER.window();
    w.get(base + "/web/admin/login");
    BROWSER.screenshot("admin-login");
    w.click("a[href='/web/admin/setup']");
    w.awaitPath("/web/admin/setup");
    Pages.clean(w);
    BROWSER.screenshot("admin-setup");
    w.type("#initial_password", Files.readString(initial).strip());
    w.type("#password", NEW_PASSWORD);
    w.type("#password_repeat", NEW_PASSWORD);
    w.click("form[action='/web/admin/setup'] button[type=submit]");
    w.awaitPath("/web/admin");
    assertThat(w.text()).contains("admin");
    assertThat(initial).as("the generated password is gone once replaced").doesNotExist();

    w.get(base + "/web/admin/setup");
    assertThat(w.path()).as("the setup page after the setup").isEqualTo("/web/admin/login");
  }

  @Test
  @Order(2)
  void anAdminLogsOutAndInAndAWrongPasswordIsRefused() {
    Browser.Window w = BROWSER.window();
    w.get(base + "/web/admin");
    Pages.logout(w, "admin");
    w.get(base + "/web/admin/profile");
    assertThat(w.path()).as("a page after logout").isEqualTo("/web/admin/login");

    w.type("#username", "admin");
    w.type("#password", "not-the-password");
    w.click("form[action='/web/admin/login'] button[type=submit]");
    assertThat(w.visible("#login-error").getText()).isNotBlank();
    assertThat(w.path()).isEqualTo("/web/admin/login");

    Pages.login(w, base, "admin", "admin", NEW_PASSWORD);
    assertThat(w.path()).startsWith("/web/admin");
    assertThat((String) w.js("return document.cookie")).as("the session cookie is HttpOnly").doesNotContain("ferry_admin");
  }

  @Test
  @Order(3)
  void aChangeWithoutTheCsrfTokenIsRefused() {
    Browser.Window w = BROWSER.window();
    w.get(base + "/web/admin");
    Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
    Map<String, Object> refused = Pages.fetch(w, "POST", "/web/admin/logout", form, "");
    assertThat(Pages.status(refused)).as("a POST without the token: %s", refused).isEqualTo(403);
    Map<String, Object> wrong = Pages.fetch(w, "POST", "/web/admin/logout",
        Map.of("Content-Type", "application/x-www-form-urlencoded", "X-CSRF-Token", "forged"), "");
    assertThat(Pages.status(wrong)).as("a POST with a wrong token").isEqualTo(403);
    w.get(base + "/web/admin");
    assertThat(w.path()).as("still logged in after the refusals").isEqualTo("/web/admin");
    Map<String, Object> ok = Pages.fetch(w, "POST", "/web/admin/logout",
        Map.of("Content-Type", "application/x-www-form-urlencoded", "X-CSRF-Token", w.csrf()), "");
    assertThat(Pages.status(ok)).as("with the token the logout goes through (a redirect)").isNotEqualTo(403);
    Pages.login(w, base, "admin", "admin", NEW_PASSWORD);
  }

  @Test
  @Order(4)
  void everyMainPageOfTheConsoleHasTheHeadersAndNoCspViolation() {
    Browser.Window w = BROWSER.window();
    w.get(base + "/web/admin");
    List<String> pages = Pages.navLinks(w, "admin");
    assertThat(pages).contains("/web/admin", "/web/admin/profile");
    List<String> missing = new java.util.ArrayList<>();
    for (String page : pages) {
      Map<String, Object> head = Pages.fetch(w, "GET", page, Map.of(), null);
      assertThat(Pages.header(head, "Content-Security-Policy")).as(page).contains("script-src 'self'")
          .contains("frame-ancestors 'none'");
      assertThat(Pages.header(head, "X-Content-Type-Options")).as(page).isEqualTo("nosniff");
      assertThat(Pages.header(head, "Referrer-Policy")).as(page).isNotBlank();
      if (Pages.status(head) != 200) { // a page the navigation names but the server lacks (yet)
        missing.add(page + " " + Pages.status(head));
        continue;
      }
      w.get(base + page);
      assertThat(w.path()).as("no redirect for an admin with every permission").isEqualTo(page);
      Pages.clean(w);
      String name = page.equals("/web/admin") ? "admin-dashboard" : "admin-" + page.substring("/web/admin/".length()).replace('/', '-');
      BROWSER.screenshot(name);
    }
    assertThat(missing).as("pages of the console's navigation that do not answer 200").isEmpty();
  }

  @Test
  @Order(5)
  void anAdminCreatesAUserWithAnS3HomeWhoThenUsesSftp() throws Exception {
    try (S3Server s3 = S3Server.start("AKIAFERRYWEB", "web-s3-secret-value")) {
      s3.client().createBucket(b -> b.bucket("web-home"));
      Browser.Window w = BROWSER.window();
      w.get(base + "/web/admin/users/new");
      Pages.clean(w);
      w.type("#f-username", "s3walker");
      w.type("#f-password", "S3walker-Passw0rd");
      open(w, "storage");
      new Select(w.visible("#f-fs_provider")).selectByValue("s3");
      w.type("#f-s3_bucket", "web-home");
      w.type("#f-s3_region", "us-east-1");
      w.type("#f-s3_endpoint", s3.endpoint());
      w.type("#f-s3_access_key", "AKIAFERRYWEB");
      w.type("#f-s3_access_secret", "web-s3-secret-value");
      w.type("#f-s3_key_prefix", "s3walker/");
      if (!w.find("#f-s3_force_path_style").isSelected()) w.click("#f-s3_force_path_style");
      open(w, "permissions");
      String all = "input[name=perm_root][value='*']"; // a new user's form may offer it checked already
      if (!w.find(all).isSelected()) w.click(all);
      BROWSER.screenshot("admin-user-new-s3");
      w.click("#user-save");
      w.until(d -> !w.path().equals("/web/admin/users/new") || w.present("#form-error"));
      assertThat(w.present("#form-error")).as("the form was refused: %s", w.text()).isFalse();
      assertThat(w.text()).contains("s3walker");

      Path local = Files.writeString(tmp.resolve("hello.txt"), "hello from sftp\n");
      SshClients ssh = new SshClients(server.sftpPort(), tmp);
      Launch.Result put = ssh.sftp("s3walker", "S3walker-Passw0rd", "put " + local + " hello.txt", "ls -l");
      assertThat(put.exitCode()).as(put.out()).isZero();
      assertThat(put.out()).contains("hello.txt");
      String stored = s3.client().getObjectAsBytes(b -> b.bucket("web-home").key("s3walker/hello.txt")).asUtf8String();
      assertThat(stored).isEqualTo("hello from sftp\n");
    }
  }

  /** Opens a closed {@code <details name=...>} group of a form. */
  static void open(Browser.Window w, String name) {
    if (w.find("details[name=" + name + "]").getDomAttribute("open") == null)
      w.click("details[name=" + name + "] > summary");
    w.until(d -> w.find("details[name=" + name + "]").getDomAttribute("open") != null);
  }
}
