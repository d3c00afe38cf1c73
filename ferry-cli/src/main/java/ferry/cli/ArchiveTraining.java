package ferry.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The workload the {@code ./ferry} launcher records the client's class-data archive from after a
 * build (issue 11). Run with {@code -XX:ArchiveClassesAtExit}, the JVM archives every class this
 * loaded, parsed and verified, and later client calls map them instead of loading them again. So it
 * makes, in one process, the calls that scripts make: {@code --version}, every command's help, and
 * {@code start} and an admin listing over HTTPS against a loopback stand-in for the server, whose
 * certificate keytool makes, of the kind {@code ferry serve} makes, in a temporary data dir.
 */
final class ArchiveTraining {
  private static final String KEY = "training.key";
  private static final char[] PASSWORD = "training".toCharArray();

  private ArchiveTraining() {}

  /** Makes the calls; exits non-zero when the stand-in server cannot be set up. */
  public static void main(String[] args) throws Exception {
    Path dataDir = Files.createTempDirectory("ferry-archive-training");
    HttpsServer server = null;
    try {
      server = startServer(dataDir);
      String host = "https://127.0.0.1:" + server.getAddress().getPort();
      String dir = dataDir.toString();
      run("--version");
      run("--help");
      for (Class<?> command : Main.SUBCOMMANDS) {
        run(command.getAnnotation(Command.class).name(), "--help");
      }
      run("start", "-n", "training", "-a", KEY, "--host", host, "--data-dir", dir);
      run("start", "-n", "training", "-a", KEY, "--host", host, "--data-dir", dir, "--json");
      run("script", "list", "-a", KEY, "--host", host, "--data-dir", dir);
      run("job", "get", "missing", "-a", KEY, "--host", host, "--data-dir", dir);
    } finally {
      if (server != null) {
        server.stop(0);
      }
      deleteTree(dataDir);
    }
  }

  /** Runs one command line in this process, its output discarded. */
  private static void run(String... args) {
    CommandLine commandLine = Main.commandLine(args);
    commandLine.setOut(new PrintWriter(Writer.nullWriter()));
    commandLine.setErr(new PrintWriter(Writer.nullWriter()));
    commandLine.execute(args);
  }

  /**
   * An HTTPS server on a free loopback port answering as Ferry would: a queued job, an empty script
   * list, and a 404 for anything else. Its certificate is written where the CLI trusts it.
   */
  private static HttpsServer startServer(Path dataDir) throws Exception {
    KeyStore keys = makeKeyStore(dataDir);
    writeCertificate(keys, dataDir.resolve(TlsTrust.CERT_FILE));
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", ArchiveTraining::answer);
    server.start();
    return server;
  }

  private static void answer(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
    }
    String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    int status;
    String json;
    switch (route) {
      case "POST /v1/jobs" -> {
        status = 201;
        json = "{\"id\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"status\":\"queued\",\"params\":{}}";
      }
      case "GET /v1/adm/scripts" -> {
        status = 200;
        json = "{\"items\":[],\"total\":0}";
      }
      default -> {
        status = 404;
        json = "{\"status\":404,\"error\":\"Not Found\",\"message\":\"no such thing\"}";
      }
    }
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** An EC P-256 key and self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
  private static KeyStore makeKeyStore(Path dir) throws Exception {
    Path file = dir.resolve("training.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "ferry",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "san=ip:127.0.0.1,dns:localhost",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    file.toString(),
                    "-storepass",
                    new String(PASSWORD)))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  private static void writeCertificate(KeyStore keys, Path file)
      throws IOException, GeneralSecurityException {
    Files.createDirectories(file.getParent());
    String base64 =
        Base64.getMimeEncoder(64, new byte[] {'\n'})
            .encodeToString(keys.getCertificate("ferry").getEncoded());
    Files.writeString(
        file, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
