package ferry.httpd.automation;

import static ferry.httpd.common.Authenticator.actor;

import ferry.core.auth.Defender;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Defender's bans for admins and the CLI, at /v1/adm/defender/hosts. Entries carry the
 * reference API's DefenderEntry fields ({@code id}, {@code ip}, {@code ban_time}) plus {@code
 * offences}, so the later /api/v2 face can reuse them.
 */
final class DefenderRoutes {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private final Defender defender;

  DefenderRoutes(Defender defender) {
    this.defender = defender;
  }

  void register(RoutesConfig r) {
    r.get("/v1/adm/defender/hosts", ctx -> {
      actor(ctx).requireAdmin("list the Defender's bans");
      ctx.json(defender.bans().stream().map(DefenderRoutes::view).toList());
    });
    r.delete("/v1/adm/defender/hosts/{ip}", ctx -> {
      actor(ctx).requireAdmin("lift a Defender ban");
      String ip = requireIp(ctx.pathParam("ip"));
      if (!defender.unban(ip)) throw new NotFoundException(ip + " is not banned");
      ctx.status(HttpStatus.NO_CONTENT);
    });
  }

  static Map<String, Object> view(Defender.Ban b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", HexFormat.of().formatHex(b.ip().getBytes(StandardCharsets.UTF_8)));
    m.put("ip", b.ip());
    m.put("ban_time", b.until().toString());
    m.put("offences", b.offences());
    return m;
  }

  private static String requireIp(String ip) {
    String t = ip.trim();
    // Literals only: getByName would look a name up in DNS.
    if (!t.contains(":") && !IPV4.matcher(t).matches()) throw notAnIp(ip);
    try {
      return InetAddress.getByName(t).getHostAddress();
    } catch (UnknownHostException e) {
      throw notAnIp(ip);
    }
  }

  private static ValidationException notAnIp(String ip) {
    return new ValidationException("'" + ip + "' is not an IPv4 or IPv6 address");
  }
}
