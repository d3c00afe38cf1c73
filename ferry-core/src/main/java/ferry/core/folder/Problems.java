package ferry.core.folder;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Names the kind of a storage failure (DNS, refused, auth, ...) from its cause chain. */
final class Problems {
  private Problems() {}

  static String describe(Throwable e) {
    String kind = null;
    for (Throwable t = e; t != null && kind == null; t = t.getCause()) {
      kind = switch (t) {
        case UnknownHostException u -> "DNS: cannot resolve " + u.getMessage();
        case ConnectException c -> "connection refused";
        case NoRouteToHostException n -> "no route to host";
        case SocketTimeoutException s -> "timed out";
        case AccessDeniedException a -> "permission denied";
        case NoSuchFileException n -> "no such file or directory";
        default -> null;
      };
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return kind == null || msg.contains(kind) ? msg : kind + " (" + msg + ")";
  }
}
