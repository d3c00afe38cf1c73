package ferry.httpd;

import ferry.httpd.common.ErrorBody;
import ferry.httpd.common.Json;
import ferry.httpd.common.UnreadBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers (a URI it refuses, such as {@code %00} or an encoded slash, headers that are
 * too large, a malformed request) in the face's error body instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final String JSON = "application/json";

  /** Every method gets the body (Jetty's default leaves PUT, PATCH and DELETE errors empty). */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    // Jetty may drop the connection after refusing a request it could not route; saying so keeps a
    // client from sending its next request on it (the JDK client then got no answer at all)
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    drainSmallBody(request);
    response.write(true, ByteBuffer.wrap(body(request.getHttpURI().getPath(), code, message)), callback);
  }

  /**
   * Reads a small request body Jetty refused before reading (a URI it will not route, sent with a
   * body): closing with it unread resets the connection, and a client still sending loses the answer
   * (ferry.httpd.common.UnreadBodies does the same for the routes' own refusals).
   */
  private static void drainSmallBody(Request request) {
    long length = request.getLength();
    if (length <= 0 || length > UnreadBodies.DRAIN_LIMIT) return;
    try (InputStream in = Content.Source.asInputStream(request)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException | RuntimeException e) {
      // the answer goes out anyway; the client may then see the connection close early
    }
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, JSON));
    return ByteBuffer.wrap(body(null, status, reason)); // no request parsed, so no path: the /v1 shape
  }

  private static byte[] body(String path, int code, String message) {
    String reason = HttpStatus.getMessage(code);
    String text = "the server refused the request (" + code + " " + reason + ")"
        + (message == null || message.isBlank() || message.equals(reason) ? "" : ": " + message);
    try {
      return Json.MAPPER.writeValueAsBytes(ErrorBody.of(path, code, reason, text, Map.of()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
