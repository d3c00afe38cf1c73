package ferry.web.shares;

import ferry.core.share.Share;
import io.javalin.http.Context;

/**
 * The links a share page hands out, absolute on this request's origin: the share's page, and for a
 * share of one path a direct link {@code /web/shares/<id>/file/<name>} that {@code curl -O} fetches
 * (a password share: {@code curl -u :password -O <link>}).
 */
public final class ShareLinks {
  private final String origin;

  public ShareLinks(Context ctx) {
    this.origin = ctx.scheme() + "://" + ctx.host();
  }

  public String page(Share s) {
    return origin + ShareUnlock.path(s.id());
  }

  /** The direct link of a one-path readable share, or null. */
  public String direct(Share s) {
    if (s.paths().size() != 1 || !s.scope().reads()) return null;
    String p = s.paths().getFirst();
    String name = p.substring(p.lastIndexOf('/') + 1);
    if (name.isEmpty()) return null;
    return origin + ShareUnlock.path(s.id()) + "/file/" + segment(name);
  }

  /** {@code name} as one URL path segment. */
  public static String segment(String name) {
    return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code value} as a query parameter value. */
  public static String query(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** {@code dir/name} inside a share, from "/" down. */
  public static String child(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  /** The folder above {@code dir} inside a share ("/" stays "/"). */
  public static String parent(String dir) {
    int at = dir.lastIndexOf('/');
    return at <= 0 ? "/" : dir.substring(0, at);
  }
}
