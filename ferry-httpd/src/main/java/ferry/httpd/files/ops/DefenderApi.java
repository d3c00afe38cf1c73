package ferry.httpd.files.ops;

import ferry.httpd.files.Answers;
import ferry.core.admin.AdminPermission;
import ferry.core.auth.Defender;
import ferry.core.auth.Defender.Host;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import ferry.httpd.files.Caller;
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
 * The Defender's hosts, /api/v2/defender/hosts: banned sources and sources with a score. A host's
 * id is the hex encoding of its IP address text, as the reference API has it.
 */
final class DefenderApi {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final HexFormat HEX = HexFormat.of();

  private final Defender defender;

  DefenderApi(Defender defender) {
    this.defender = defender;
  }

  void register(RoutesConfig r) {
    r.get("/api/v2/defender/hosts", ctx -> {
      Caller.admin(ctx, AdminPermission.VIEW_DEFENDER);
      ctx.json(defender.hosts().stream().map(DefenderApi::entry).toList());
    });
    r.get("/api/v2/defender/hosts/{id}", ctx -> {
      Caller.admin(ctx, AdminPermission.VIEW_DEFENDER);
      String ip = ip(ctx.pathParam("id"));
      ctx.json(entry(defender.hosts().stream().filter(h -> h.ip().equals(ip)).findFirst()
          .orElseThrow(() -> unknown(ip))));
    });
    r.delete("/api/v2/defender/hosts/{id}", ctx -> {
      Caller.admin(ctx, AdminPermission.MANAGE_DEFENDER);
      String ip = ip(ctx.pathParam("id"));
      if (!defender.forget(ip)) throw unknown(ip);
      Answers.message(ctx, HttpStatus.OK, "OK");
    });
  }

  /** The reference's DefenderEntry: {@code score} only when not banned, {@code ban_time} only when banned. */
  static Map<String, Object> entry(Host h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", HEX.formatHex(h.ip().getBytes(StandardCharsets.UTF_8)));
    m.put("ip", h.ip());
    if (h.bannedUntil() == null) m.put("score", h.score());
    else m.put("ban_time", h.bannedUntil().toString());
    return m;
  }

  /** The canonical IP address an id names. */
  private static String ip(String id) {
    String text;
    try {
      text = new String(HEX.parseHex(id), StandardCharsets.UTF_8).trim();
    } catch (IllegalArgumentException e) {
      throw new ValidationException("invalid host id '" + id + "': it is the hex encoding of an IP address");
    }
    // Literals only: getByName would look a name up in DNS.
    if (text.isEmpty() || (!text.contains(":") && !IPV4.matcher(text).matches())) throw notAnIp(id);
    try {
      return InetAddress.getByName(text).getHostAddress();
    } catch (UnknownHostException e) {
      throw notAnIp(id);
    }
  }

  private static ValidationException notAnIp(String id) {
    return new ValidationException("invalid host id '" + id + "': it does not encode an IPv4 or IPv6 address");
  }

  private static NotFoundException unknown(String ip) {
    return new NotFoundException("host " + ip + " is neither banned nor scored");
  }
}
