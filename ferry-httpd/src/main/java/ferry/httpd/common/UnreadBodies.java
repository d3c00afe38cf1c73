package ferry.httpd.common;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Request bodies a route answered without reading (a refusal before the body, a route that takes
 * its input from the query): Jetty would drop the connection after the answer instead of reading
 * the rest, and a client still sending then loses the answer to a reset, or sends its next request
 * into the closed socket. A small rest is read and dropped, keeping the connection usable; past
 * that the connection closes, and the answer says so while it still can.
 */
public final class UnreadBodies {
  /** Bodies up to this size are read to their end. */
  public static final long DRAIN_LIMIT = 1 << 20;

  private UnreadBodies() {}

  public static void settle(Context ctx) {
    if (!leftUnread(ctx) || drained(ctx)) return;
    if (!ctx.res().isCommitted()) ctx.header("Connection", "close");
  }

  private static boolean leftUnread(Context ctx) {
    boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
    if (!hasBody) return false;
    try {
      return !ctx.req().getInputStream().isFinished();
    } catch (IOException | IllegalStateException e) {
      return true;
    }
  }

  private static boolean drained(Context ctx) {
    long length = ctx.req().getContentLengthLong();
    if (length < 0 || length > DRAIN_LIMIT) return false;
    try {
      ctx.req().getInputStream().transferTo(OutputStream.nullOutputStream());
      return true;
    } catch (IOException | IllegalStateException e) {
      return false;
    }
  }
}
