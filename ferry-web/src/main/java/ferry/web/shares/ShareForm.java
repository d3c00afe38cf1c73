package ferry.web.shares;

import ferry.core.share.Share;
import ferry.core.share.ShareInput;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The share form as the browser sends it and as the page shows it again: paths and networks one a
 * line, the expiry as a UTC {@code datetime-local}. An empty password on edit keeps the current
 * one unless {@code removePassword} is ticked. What a share may be is the core's to say ({@code
 * ShareService} / {@code ShareRules}); this only translates fields.
 */
public record ShareForm(String name, String description, int scope, String paths, String expires, String password,
    boolean removePassword, String maxTokens, String allowFrom, boolean hasPassword) {
  public static ShareForm empty(String path) {
    return new ShareForm("", "", 1, path == null ? "" : path, "", "", false, "0", "", false);
  }

  public static ShareForm of(Share s) {
    String exp = s.expiresAt() == null ? ""
        : LocalDateTime.ofInstant(s.expiresAt().truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC).toString();
    return new ShareForm(s.name(), s.description(), s.scope().wire(), String.join("\n", s.paths()), exp, "", false,
        Integer.toString(s.maxTokens()), String.join("\n", s.allowFrom()), s.hasPassword());
  }

  public static ShareForm read(Context ctx, boolean hasPassword) {
    int scope;
    try {
      scope = Integer.parseInt(value(ctx, "scope"));
    } catch (NumberFormatException e) {
      scope = 0; // the core names the valid scopes
    }
    return new ShareForm(value(ctx, "name"), value(ctx, "description"), scope, value(ctx, "paths"),
        value(ctx, "expires"), value(ctx, "password"), "on".equals(ctx.formParam("remove_password")),
        value(ctx, "max_tokens"), value(ctx, "allow_from"), hasPassword);
  }

  private static String value(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null ? "" : v;
  }

  /** The core's input; {@code editing} keeps an unchanged password. */
  public ShareInput input(boolean editing) {
    String pw = password;
    if (editing && pw.isEmpty()) pw = removePassword ? "" : ShareInput.KEEP_PASSWORD;
    return new ShareInput(name, description, scope, lines(paths), expiry(), pw, tokens(), lines(allowFrom));
  }

  private Instant expiry() {
    if (expires.isBlank()) return null;
    try {
      return LocalDateTime.parse(expires.strip()).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new ferry.core.error.ValidationException("expires_at: not a date and time: " + expires);
    }
  }

  private int tokens() {
    if (maxTokens.isBlank()) return 0;
    try {
      return Integer.parseInt(maxTokens.strip());
    } catch (NumberFormatException e) {
      throw new ferry.core.error.ValidationException("max_tokens: not a number: " + maxTokens);
    }
  }

  private static List<String> lines(String text) {
    return Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
