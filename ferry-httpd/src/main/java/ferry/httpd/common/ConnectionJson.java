package ferry.httpd.common;

import ferry.core.session.ActiveTransfer;
import ferry.core.session.ConnectionInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference API's {@code ConnectionStatus} JSON, for every face that lists live connections
 * (/v1/adm/connections and /api/v2/connections). Ferry does not track the client version, last
 * command or last activity, so those fields are left out; {@code node} is left out as the reference
 * does for one node. Times are Unix milliseconds.
 */
public final class ConnectionJson {
  private ConnectionJson() {}

  /** One connection with its active transfers. */
  public static Map<String, Object> status(ConnectionInfo c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", c.username());
    m.put("connection_id", c.id());
    m.put("remote_address", c.remoteAddr());
    m.put("connection_time", c.startedAt().toEpochMilli());
    m.put("last_activity", c.lastActivity().toEpochMilli());
    m.put("protocol", c.protocol());
    m.put("active_transfers", c.transfers().stream().map(ConnectionJson::transfer).toList());
    return m;
  }

  private static Map<String, Object> transfer(ActiveTransfer t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("operation_type", t.direction());
    m.put("path", t.path());
    m.put("start_time", t.startedAt().toEpochMilli());
    m.put("size", t.bytes());
    return m;
  }
}
