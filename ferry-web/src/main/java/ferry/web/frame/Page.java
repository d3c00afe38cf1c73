package ferry.web.frame;

import static java.util.Objects.requireNonNull;

import ferry.core.admin.AdminPermission;
import java.util.Optional;

/**
 * What every template gets besides its own model: the texts in the page's language, the CSRF token
 * forms and htmx send back, who is logged in (if anyone) and where the page is.
 *
 * @param area {@code admin}, {@code client} or {@code public}: which navigation the layout shows
 * @param path the request path, to mark the current navigation entry
 */
public record Page(Messages messages, String csrf, Optional<WebCaller> caller, String area, String path) {
  public Page {
    requireNonNull(messages, "No messages");
    requireNonNull(csrf, "No CSRF token");
    requireNonNull(caller, "No caller");
    requireNonNull(area, "No area");
    requireNonNull(path, "No path");
  }

  /** The text of {@code key} in this page's language. */
  public String t(String key, Object... args) {
    return messages.t(key, args);
  }

  public String lang() {
    return messages.locale().getLanguage();
  }

  /** The logged-in account's name, or empty text. */
  public String who() {
    return caller.map(WebCaller::username).orElse("");
  }

  public boolean loggedIn() {
    return caller.isPresent();
  }

  /** Whether the logged-in admin holds {@code permission} (to show or hide a menu entry). */
  public boolean can(String permission) {
    return caller.flatMap(c -> AdminPermission.fromWire(permission).map(c::has)).orElse(false);
  }

  /** {@code aria-current="page"} for the navigation entry of {@code prefix}. */
  public String current(String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/") ? "page" : null;
  }
}
