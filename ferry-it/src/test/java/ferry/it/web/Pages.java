package ferry.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/** Steps the browser tests share: logging in through the real forms, a fetch from the page, page checks. */
final class Pages {
  private Pages() {}

  /** Logs in at {@code /web/admin/login} or {@code /web/client/login} and waits for the landing page. */
  static void login(Browser.Window w, String base, String area, String user, String password) {
    w.get(base + "/web/" + area + "/login");
    w.type("#username", user);
    w.type("#password", password);
    w.click("form[action='/web/" + area + "/login'] button[type=submit]");
    w.until(d -> !w.path().endsWith("/login"));
  }

  /** Logs out with the layout's button and waits for the login page. */
  static void logout(Browser.Window w, String area) {
    w.click("form[action='/web/" + area + "/logout'] button[type=submit]");
    w.until(d -> w.path().endsWith("/login"));
  }

  /**
   * A {@code fetch} from the current page (same origin, the page's cookies); returns its status,
   * headers and the start of its body. {@code headers} may name {@code X-CSRF-Token}.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> fetch(Browser.Window w, String method, String path, Map<String, String> headers, String body) {
    Object r = w.asyncJs("""
        const [method, path, headers, body, done] = arguments;
        fetch(path, {method, headers, body, redirect: 'manual', credentials: 'same-origin'})
          .then(async r => done({status: r.status, type: r.type,
              headers: Object.fromEntries([...r.headers.entries()]), body: (await r.text()).slice(0, 4000)}))
          .catch(e => done({status: -1, error: String(e)}));
        """, method, path, headers, body);
    return (Map<String, Object>) r;
  }

  static int status(Map<String, Object> answer) {
    return ((Number) answer.get("status")).intValue();
  }

  @SuppressWarnings("unchecked")
  static String header(Map<String, Object> answer, String name) {
    return ((Map<String, String>) answer.getOrDefault("headers", Map.of())).get(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** The page shows no missing text key and the CSP blocked nothing on it. */
  static void clean(Browser.Window w) {
    assertThat(w.driver().getPageSource()).as(w.path() + " shows a missing text key").doesNotContainPattern("\\?\\?[a-z][\\w.-]*\\?\\?");
    assertThat(w.cspViolations()).as("CSP violations on " + w.path()).isEqualTo(List.of());
  }

  /** The hrefs of the side navigation of the current page (the console's or the client's main pages). */
  @SuppressWarnings("unchecked")
  static List<String> navLinks(Browser.Window w, String area) {
    return (List<String>) w.js("return [...document.querySelectorAll(\"aside a[href^='/web/" + area + "']\")]"
        + ".map(a => a.getAttribute('href'))");
  }
}
