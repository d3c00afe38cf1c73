package ferry.httpd;

import ferry.httpd.common.ErrorBody;
import ferry.httpd.common.Json;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * On the HTTPS listener, a request that arrived as plain HTTP (a client that wrote {@code http://}) is
 * answered with a 400 naming the {@code https://} URL to use, and is never served: Jetty's TLS
 * detector hands such connections to plain HTTP only so that they get this answer rather than a
 * TLS alert the client shows as a closed connection.
 */
final class PlainHttpRefusal extends Handler.Wrapper {
  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.isSecure()) return super.handle(request, response, callback);
    String message = "this port speaks HTTPS only: use " + httpsUrl(request) + " (plain HTTP is not served here)";
    byte[] body = Json.MAPPER.writeValueAsBytes(ErrorBody.of(request.getHttpURI().getPath(),
        HttpStatus.BAD_REQUEST_400, HttpStatus.getMessage(HttpStatus.BAD_REQUEST_400), message, Map.of()));
    response.setStatus(HttpStatus.BAD_REQUEST_400);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /** The URL the client meant: its Host header's name and port, else the address it connected to. */
  private static String httpsUrl(Request request) {
    HttpURI uri = request.getHttpURI();
    String host = uri.getHost() == null || uri.getHost().isBlank() ? Request.getLocalAddr(request) : uri.getHost();
    if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
    int port = uri.getPort() > 0 ? uri.getPort() : Request.getLocalPort(request);
    return "https://" + host + ":" + port + "/";
  }
}
