package ferry.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The real {@code curl} against one server, trusting its certificate only: each call prints its
 * status, headers and body as curl got them.
 */
public final class Curl {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FerryProcess server;
  private final Path dir;

  public Curl(FerryProcess server, Path dir) {
    this.server = server;
    this.dir = dir;
  }

  /** What curl received. */
  public record Answer(int status, String headers, String body) {
    /** The body as JSON (fails the test when it is not). */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    /** A response header's value (case-insensitive name), or null. */
    public String header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      for (String line : headers.split("\r?\n"))
        if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) return line.substring(prefix.length()).strip();
      return null;
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** {@code curl -X method} with a bearer token (or none) and a JSON body (or none). */
  public Answer call(String method, String path, String token, String json) {
    return call(method, path, token, json, "application/json");
  }

  /** {@code curl -X method} with a bearer token (or none) and a body of {@code contentType} (or none). */
  public Answer call(String method, String path, String token, String body, String contentType) {
    try {
      Path headers = Files.createTempFile(dir, "curl", ".headers");
      Path out = Files.createTempFile(dir, "curl", ".body");
      List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--cacert", server.certificate().toString(),
          "-X", method, "-D", headers.toString(), "-o", out.toString(), "-w", "%{http_code}"));
      if (token != null) cmd.addAll(List.of("-H", "Authorization: Bearer " + token));
      if (body != null) {
        Path in = Files.writeString(Files.createTempFile(dir, "curl", ".in"), body);
        cmd.addAll(List.of("-H", "Content-Type: " + contentType, "--data-binary", "@" + in));
      }
      cmd.add(server.url() + path);
      Launch.Result r = Shell.run(cmd);
      if (r.exitCode() != 0) throw new AssertionError("curl " + method + " " + path + ": " + r);
      return new Answer(Integer.parseInt(r.out().strip()), Files.readString(headers), Files.readString(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
