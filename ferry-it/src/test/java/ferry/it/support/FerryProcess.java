package ferry.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real {@code ferry serve} process on a temporary data dir and a free port. */
public final class FerryProcess implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "admin-pass-for-tests";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dataDir;
  private final Path logFile;
  private final List<String> command;
  private final Process process;
  private final String url;
  private int sftpPort = -1;
  private final Api api;
  private Integer exitCode;

  private FerryProcess(Path dataDir, List<String> extraArgs, Map<String, String> extraEnv) throws IOException {
    this.dataDir = dataDir;
    this.logFile = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    Files.createDirectories(dataDir);
    Files.deleteIfExists(dataDir.resolve("server.json"));
    List<String> args = new ArrayList<>(List.of("serve", "--data-dir", dataDir.toString()));
    // port 0 unless the test names one (a restart on the same port, which an agent keeps calling)
    if (!extraArgs.contains("--http-port")) args.addAll(List.of("--http-port", "0"));
    // never the fixed default SFTP port: servers of parallel tests (and benchmarks) would clash
    if (!extraArgs.contains("--sftp-port")) args.addAll(List.of("--sftp-port", "0"));
    args.addAll(extraArgs);
    Map<String, String> env = new HashMap<>(Map.of("FERRY_ADMIN_PASSWORD", ADMIN_PASSWORD));
    env.putAll(extraEnv);
    ProcessBuilder launch = Launch.ferry(args, env, dataDir.getParent());
    this.command = launch.command();
    this.process = launch.redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    try {
      this.url = awaitServerInfo();
      this.api = new Api(url, dataDir.resolve("tls/server-cert.pem"));
    } catch (RuntimeException | IOException e) {
      process.destroyForcibly(); // a server the test cannot use must not outlive it
      ClassArchive.ended(command, -1);
      throw e;
    }
  }

  /** Starts a server with the given extra flags and environment. */
  public static FerryProcess start(Path dataDir, List<String> args, Map<String, String> env) {
    try {
      return new FerryProcess(dataDir, args, env);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static FerryProcess start(Path dataDir) {
    return start(dataDir, List.of(), Map.of());
  }

  private String awaitServerInfo() throws IOException {
    Path info = dataDir.resolve("server.json");
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive())
        throw new IllegalStateException("ferry serve exited with " + process.exitValue() + ":\n" + log());
      if (Files.exists(info)) {
        JsonNode n = JSON.readTree(info.toFile());
        if (n.has("sftp_port")) sftpPort = n.get("sftp_port").asInt();
        return n.get("url").asText();
      }
      Waits.pause(50);
    }
    throw new IllegalStateException("ferry serve did not start in 90 s:\n" + log());
  }

  public String url() {
    return url;
  }

  /** host:port, as `ferry start --host` takes it. */
  public String hostPort() {
    return url.replaceFirst("^https?://", "");
  }

  /** The bound SFTP/SCP port from server.json; -1 when that server is off. */
  public int sftpPort() {
    return sftpPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path certificate() {
    return dataDir.resolve("tls/server-cert.pem");
  }

  public Api api() {
    return api;
  }

  /**
   * Lifts the /api rate limits (seed 003: 10 a minute per address without credentials) so far that an
   * IT making many calls from 127.0.0.1 is never throttled; call it before the first /api request
   * (each node reads the limits at most every 5 s). Returns this server.
   */
  public FerryProcess unthrottled() {
    api.expect(200, "PATCH", "/v1/adm/settings", cliKey(),
        "{\"rateLimitPublic\":100000000,\"rateLimitAuthenticated\":100000000,\"rateLimitAgent\":100000000}");
    return this;
  }

  /** The admin key the server wrote for the CLI on this machine. */
  public String cliKey() {
    try {
      return Files.readString(dataDir.resolve("cli.key")).trim();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the server printed so far. */
  public String log() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  public long pid() {
    return process.pid();
  }

  /** Sends SIGTERM and waits for the exit code. */
  public int stop() {
    if (exitCode != null) return exitCode;
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        ClassArchive.ended(command, -1);
        throw new IllegalStateException("ferry serve did not stop within 60 s of SIGTERM:\n" + log());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    exitCode = process.exitValue();
    ClassArchive.ended(command, exitCode);
    return exitCode;
  }

  /** Kills the server with SIGKILL, as a crash would: no shutdown hook runs. Waits until it is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS))
        throw new IllegalStateException("ferry serve outlived SIGKILL by 30 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    exitCode = process.exitValue();
    ClassArchive.ended(command, exitCode);
  }

  @Override
  public void close() {
    if (process.isAlive()) stop();
  }
}
