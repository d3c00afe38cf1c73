package ferry.vfs.s3;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The s3rver npm package (pinned in {@code src/test/s3rver/package-lock.json}) on a loopback port
 * the OS picks, storing in a temp dir, one per test class. Like older MinIO and Ceph RGW releases,
 * s3rver stores the body of a request as it comes and does not decode {@code aws-chunked} framing,
 * so it shows what reaches such stores. Its request log goes to {@code target/s3rver.log}. Without
 * Node.js and npm the test fails, naming the install.
 */
public final class S3rverTestServer implements S3TestStore, BeforeAllCallback, AfterAllCallback {
  private static final Logger LOG = LoggerFactory.getLogger(S3rverTestServer.class);
  private static final Path PACKAGE = Path.of("src/test/s3rver").toAbsolutePath();
  private static final Path LOG_FILE = Path.of("target/s3rver.log").toAbsolutePath();
  private static final String INSTALL = "apt-get install nodejs npm";
  private static final String ACCESS_KEY = "S3RVER";
  private static final String SECRET = "S3RVER";
  private static final long NPM_CI_MINUTES = 10;
  private static final long START_SECONDS = 60;
  private static final Pattern PORT = Pattern.compile("\\{\"port\":(\\d+)}");

  private Path dir;
  private Process server;
  private int port;
  private S3Client admin;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    String nodeVersion = requireTool("node");
    requireTool("npm");
    if (!Files.isDirectory(PACKAGE.resolve("node_modules/s3rver"))) {
      LOG.info("s3rver is not installed in {}: running npm ci", PACKAGE);
      run(List.of("npm", "ci", "--no-audit", "--no-fund"), NPM_CI_MINUTES, TimeUnit.MINUTES);
    }
    dir = Files.createTempDirectory("s3rver");
    List<String> command = new ArrayList<>(List.of("node"));
    if (major(nodeVersion) >= 17) {
      // s3rver makes its listing continuation tokens with DES, which OpenSSL 3 keeps in its
      // legacy provider; Node.js before 17 has neither OpenSSL 3 nor the flag.
      command.add("--openssl-legacy-provider");
    }
    command.addAll(List.of("start.js", dir.toString(), BUCKET));
    server =
        new ProcessBuilder(command)
            .directory(PACKAGE.toFile())
            .redirectErrorStream(true)
            .start();
    port = awaitPort(server);
    admin = S3Vfs.buildClient(config());
  }

  /** Returns the output of {@code tool --version}. */
  private static String requireTool(String tool) {
    try {
      return run(List.of(tool, "--version"), 60, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException(
          "The s3rver tests need Node.js and npm, and `"
              + tool
              + " --version` failed: "
              + e.getMessage()
              + ". Install them: "
              + INSTALL,
          e);
    }
  }

  /** {@code v20.20.2} gives 20. */
  private static int major(String nodeVersion) {
    Matcher m = Pattern.compile("v?(\\d+)\\.").matcher(nodeVersion.strip());
    if (!m.lookingAt()) {
      throw new IllegalStateException("Unexpected `node --version` output: " + nodeVersion);
    }
    return Integer.parseInt(m.group(1));
  }

  /** Runs {@code command} in the s3rver package directory and returns its output. */
  private static String run(List<String> command, long timeout, TimeUnit unit)
      throws IOException {
    Process p =
        new ProcessBuilder(command).directory(PACKAGE.toFile()).redirectErrorStream(true).start();
    CompletableFuture<String> output = drain(p.getInputStream());
    try {
      if (!p.waitFor(timeout, unit)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in " + timeout + unit);
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", command) + " exited with " + p.exitValue() + ": " + output.join());
      }
      return output.join();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", command) + " interrupted", e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(output unreadable: " + e + ")";
          }
        });
  }

  /** Reads start.js's {@code {"port": N}} line; anything else it printed goes into the error. */
  private static int awaitPort(Process p) throws IOException, InterruptedException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port =
        CompletableFuture.supplyAsync(
            () -> {
              StringBuilder seen = new StringBuilder();
              try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  Matcher m = PORT.matcher(line.strip());
                  if (m.matches()) {
                    copyToLog(lines);
                    return Integer.parseInt(m.group(1));
                  }
                  seen.append(line).append('\n');
                }
              } catch (IOException e) {
                seen.append(e);
              }
              throw new IllegalStateException("s3rver did not start:\n" + seen);
            });
    try {
      return port.get(START_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      p.destroyForcibly();
      throw new IOException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      p.destroyForcibly();
      throw new IOException("s3rver did not report its port in " + START_SECONDS + "s", e);
    }
  }

  /** Appends the rest of s3rver's output to {@link #LOG_FILE}, so that the pipe never fills. */
  private static void copyToLog(BufferedReader lines) {
    CompletableFuture.runAsync(
        () -> {
          try (lines;
              var out =
                  Files.newBufferedWriter(
                      LOG_FILE,
                      StandardCharsets.UTF_8,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.APPEND)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
              out.write(line);
              out.newLine();
            }
          } catch (IOException e) {
            LOG.warn("s3rver's log could not be copied to {}: {}", LOG_FILE, e.toString());
          }
        });
  }

  @Override
  public S3VfsConfig config() {
    return S3VfsConfig.of(BUCKET, "us-east-1")
        .withEndpoint("http://127.0.0.1:" + port, true)
        .withCredentials(ACCESS_KEY, SECRET);
  }

  @Override
  public S3Client admin() {
    return admin;
  }

  /** Where s3rver keeps the test bucket's objects. */
  public Path bucketDir() {
    return dir.resolve(BUCKET);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (admin != null) {
      admin.close();
    }
    if (server != null) {
      server.getOutputStream().close(); // start.js exits when its stdin closes
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    S3TestServer.deleteTree(dir);
  }
}
