package ferry.httpd.files.ops;

import ferry.core.admin.AdminPermission;
import ferry.core.status.ServicesStatus;
import ferry.httpd.files.Caller;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v2/status} (the reference's ServicesStatus, for what Ferry runs) and the
 * unauthenticated health check, which the reference serves at the root ({@code GET /healthz}) and
 * Ferry also under /api/v2.
 */
final class StatusApi {
  private final Supplier<ServicesStatus> status;

  StatusApi(Supplier<ServicesStatus> status) {
    this.status = status;
  }

  void register(RoutesConfig r) {
    r.get("/healthz", ctx -> ctx.contentType("text/plain; charset=utf-8").result("ok"));
    r.get("/api/v2/healthz", ctx -> ctx.contentType("text/plain; charset=utf-8").result("ok"));
    r.get("/api/v2/status", ctx -> {
      Caller.admin(ctx, AdminPermission.VIEW_STATUS);
      ctx.json(view(status.get()));
    });
  }

  static Map<String, Object> view(ServicesStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ssh", ssh(s.ssh()));
    // Ferry has no FTP, WebDAV, MFA or global allow list.
    m.put("ftp", Map.of("is_active", false));
    m.put("webdav", Map.of("is_active", false));
    Map<String, Object> db = new LinkedHashMap<>();
    db.put("is_active", s.dataProvider().active());
    db.put("driver", s.dataProvider().driver());
    if (!s.dataProvider().error().isEmpty()) db.put("error", s.dataProvider().error());
    m.put("data_provider", db);
    m.put("defender", Map.of("is_active", s.defenderActive()));
    m.put("mfa", Map.of("is_active", false));
    m.put("allow_list", Map.of("is_active", false));
    return m;
  }

  private static Map<String, Object> ssh(ServicesStatus.Ssh ssh) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("is_active", ssh.active());
    if (!ssh.active()) return m;
    Map<String, Object> binding = new LinkedHashMap<>();
    binding.put("address", ssh.address());
    binding.put("port", ssh.port());
    binding.put("apply_proxy_config", false);
    m.put("bindings", List.of(binding));
    m.put("host_keys", ssh.hostKeys().stream().map(k -> {
      Map<String, Object> km = new LinkedHashMap<>();
      km.put("fingerprint", k.fingerprint());
      km.put("algorithms", k.algorithms());
      return km;
    }).toList());
    m.put("ssh_commands", ssh.commands());
    m.put("authentications", ssh.authentications());
    m.put("macs", ssh.macs());
    m.put("kex_algorithms", ssh.kexAlgorithms());
    m.put("ciphers", ssh.ciphers());
    return m;
  }
}
