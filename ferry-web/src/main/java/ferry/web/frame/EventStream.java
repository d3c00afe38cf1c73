package ferry.web.frame;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Server-Sent Events answer written by a web route (the live pages: connections, a job's log):
 * the headers once, then events flushed one by one. A failed write is an {@link IOException}: the
 * browser left, and the route stops.
 */
public final class EventStream {
  private final OutputStream out;

  private EventStream(OutputStream out) {
    this.out = out;
  }

  /** Starts the stream: status 200, {@code text/event-stream}, no caching or proxy buffering. */
  public static EventStream open(Context ctx) throws IOException {
    var res = ctx.res();
    res.setStatus(200);
    res.setContentType("text/event-stream; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Accel-Buffering", "no");
    return new EventStream(res.getOutputStream());
  }

  /** One event; every line of {@code data} gets its own {@code data:} field. */
  public void send(String event, String data) throws IOException {
    send(null, event, data);
  }

  /** One event with an {@code id} (what a reconnecting browser sends back as {@code Last-Event-ID}). */
  public void send(String id, String event, String data) throws IOException {
    write(frame(id, event, data));
  }

  /** A comment line: keeps idle connections open through proxies. */
  public void keepAlive() throws IOException {
    write(": keepalive\n\n");
  }

  /** The reconnection delay the browser should use. */
  public void retry(long millis) throws IOException {
    write("retry: " + millis + "\n\n");
  }

  static String frame(String id, String event, String data) {
    StringBuilder b = new StringBuilder();
    if (id != null) b.append("id: ").append(id).append('\n');
    b.append("event: ").append(event).append('\n');
    for (String line : data.replace("\r", "").split("\n", -1)) b.append("data: ").append(line).append('\n');
    return b.append('\n').toString();
  }

  private void write(String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
