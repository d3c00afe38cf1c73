package ferry.script;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where {@code HttpCli} goes after a redirect (issue 10, item 13). The JDK client follows none
 * itself: it would pass the script's custom headers (API keys) and, on 307 and 308, the body on to
 * any host the first server names.
 *
 * <ul>
 *   <li>Within one origin (scheme, host and port) every header goes along.
 *   <li>To another origin only {@link #CROSS_ORIGIN_HEADERS} go along, for the rest of the chain:
 *       no {@code Authorization}, {@code Cookie} or custom header, which may carry a token.
 *   <li>301 and 302 turn a POST into a GET without body, 303 any method but HEAD, as browsers do.
 *   <li>A body is never sent to another origin: such a 307 or 308 is not followed, and the script
 *       gets the redirect with an {@code ErrorMsg()}. Neither is https to http.
 * </ul>
 */
final class HttpRedirects {
  /** Redirects followed for one request; the JDK's default as well. */
  static final int MAX_REDIRECTS = 5;

  /** Headers (lower case) that may go to another origin: they describe, not authorise. */
  static final Set<String> CROSS_ORIGIN_HEADERS =
      Set.of(
          "accept",
          "accept-language",
          "cache-control",
          "content-language",
          "content-type",
          "user-agent");

  // Headers that describe a body, dropped with it (Fetch: "request-body-header name").
  private static final Set<String> BODY_HEADERS =
      Set.of("content-type", "content-language", "content-encoding", "content-location");

  private HttpRedirects() {}

  /**
   * One request of a redirect chain.
   *
   * @param method HTTP method, upper case
   * @param uri absolute http or https URI
   * @param headers the script's headers that go to this request
   * @param body the request body; empty for none
   */
  record Hop(String method, URI uri, Map<String, String> headers, Optional<String> body) {}

  /** What to do with a response. */
  sealed interface Next {}

  /** Send {@code hop} next. */
  record Follow(Hop hop) implements Next {}

  /** Hand the response to the script, with {@code error} as its {@code ErrorMsg()} unless "". */
  record Stop(String error) implements Next {}

  /**
   * Decides what follows the response to {@code hop}.
   *
   * @param status the response status
   * @param location the response's {@code Location} header, if any
   */
  static Next next(Hop hop, int status, Optional<String> location) {
    if (!isRedirect(status) || location.isEmpty()) {
      return new Stop("");
    }
    URI target;
    try {
      target = hop.uri().resolve(new URI(location.get().trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return new Stop("redirect not followed: invalid Location \"" + location.get() + "\"");
    }
    String scheme = lower(target.getScheme());
    if ((!scheme.equals("http") && !scheme.equals("https")) || target.getHost() == null) {
      return new Stop("redirect not followed: " + target + " is not an http or https URL");
    }
    if (lower(hop.uri().getScheme()).equals("https") && scheme.equals("http")) {
      return new Stop("redirect from https to http not followed: " + origin(target));
    }
    boolean toGet =
        (status == 303 && !hop.method().equals("HEAD"))
            || ((status == 301 || status == 302) && hop.method().equals("POST"));
    Hop next =
        toGet
            ? new Hop("GET", target, without(hop.headers(), BODY_HEADERS, false), Optional.empty())
            : new Hop(hop.method(), target, hop.headers(), hop.body());
    if (origin(target).equals(origin(hop.uri()))) {
      return new Follow(next);
    }
    if (next.body().isPresent()) {
      return new Stop(
          "redirect to "
              + origin(target)
              + " not followed: the request body is not sent to another origin");
    }
    return new Follow(
        new Hop(
            next.method(),
            target,
            without(next.headers(), CROSS_ORIGIN_HEADERS, true),
            Optional.empty()));
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Drops the headers named in {@code names}, or with {@code keep} all others. */
  private static Map<String, String> without(
      Map<String, String> headers, Set<String> names, boolean keep) {
    return headers.entrySet().stream()
        .filter(h -> names.contains(lower(h.getKey())) == keep)
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static String origin(URI uri) {
    String scheme = lower(uri.getScheme());
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + lower(uri.getHost()) + ":" + port;
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }
}
