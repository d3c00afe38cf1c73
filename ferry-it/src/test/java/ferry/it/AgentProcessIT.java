package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.OpenSshd;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, "Show it works": a real {@code ferry agent} process against a real {@code ferry serve}
 * registers with a one-time code, heartbeats, and runs a job every minute that pulls a file from
 * OpenSSH's own sshd into its local directory; the transfer's progress and SHA-256 show in {@code
 * GET /api/transfers/{id}}. The server is SIGKILLed mid-transfer and restarted on the same port:
 * the transfer completes, every report arrives, no run is recorded twice. SIGTERM stops the agent
 * with exit 0; restarted without a code it is the same agent; SIGKILLed, the server shows it
 * offline within three missed heartbeats.
 */
class AgentProcessIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HEARTBEAT_SECONDS = 2;
  private static final int SIZE = 24 * 1024 * 1024;
  private static final int KIB_PER_SECOND = 2048; // the file takes ~12 s: time to kill the server mid-transfer

  @TempDir Path tmp;

  @Test
  void anAgentProcessRunsItsJobThroughAServerCrashAndGoesOfflineWhenKilled() throws Exception {
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    byte[] data = new byte[SIZE];
    new Random(13).nextBytes(data);
    Files.write(remote.resolve("report.bin"), data);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    Path agentDir = tmp.resolve("agent");
    int port = freePort();
    List<String> serverArgs = List.of("--http-port", String.valueOf(port));

    try (OpenSshd sshd = OpenSshd.start(tmp.resolve("sshd"))) {
      FerryProcess server = FerryProcess.start(tmp.resolve("server"), serverArgs, Map.of());
      Process agent = null;
      try {
        Api api = server.api();
        String admin = server.cliKey();
        // a customer, the partner's SFTP endpoint in the VFS Library, a one-time code
        api.expect(201, "POST", "/v1/adm/users", admin, JSON.writeValueAsString(Map.of("username", "acme",
            "password", "Acme-Pw-4711", "home_dir", Files.createDirectories(tmp.resolve("acme-home")).toString(),
            "permissions", Map.of("/", List.of("*")))));
        expectOk(api.call("PUT", "/api/customers/acme", admin, "{}"), "grant customer acme");
        api.expect(201, "POST", "/v1/adm/folders", admin, JSON.writeValueAsString(sftpFolder(sshd, remote)));
        String code = data(api.call("POST", "/api/agents/registration-codes", admin, "{\"customer\":\"acme\"}"), 201).get("code").asText();

        // the agent registers and heartbeats
        agent = startAgent(List.of("--server", server.url(), "--code", code, "--data-dir", agentDir.toString(),
            "--name", "edge-it", "--ca-file", server.certificate().toString(), "--heartbeat-interval", "" + HEARTBEAT_SECONDS,
            "--jobs-refresh", "3", "--bandwidth-limit", "" + KIB_PER_SECOND), agentDir);
        JsonNode registered = poll("the agent to register", Duration.ofSeconds(60), () -> {
          JsonNode list = dataOrNull(api.get("/api/agents?limit=100", admin));
          if (list == null) return null;
          for (JsonNode a : list) if (a.path("name").asText().equals("edge-it") && !a.path("lastHeartbeat").isNull()) return a;
          return null;
        });
        String agentId = registered.get("id").asText();
        assertThat(registered.get("status").asText()).isEqualTo("online");
        assertThat(registered.get("customer").asText()).isEqualTo("acme");
        assertThat(Files.readString(agentDir.resolve("agent.json"))).contains("mft_ak_");
        assertThat(Files.getPosixFilePermissions(agentDir.resolve("agent.json")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");

        // a job every minute: pull partner:/report.bin into the inbox
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("name", "pull the report");
        job.put("agentId", agentId);
        job.put("sourcePath", "partner:/report.bin");
        job.put("destinationPath", inbox.toString());
        job.put("schedule", "* * * * *");
        job.put("direction", "pull");
        job.put("protocol", "sftp");
        String jobId = data(api.call("POST", "/api/jobs", admin, JSON.writeValueAsString(job)), 201).get("id").asText();

        // the first transfer starts within about a minute; kill the server while it runs
        JsonNode running = poll("a running transfer past 10%", Duration.ofSeconds(100), () -> {
          JsonNode list = dataOrNull(api.get("/api/transfers?agentId=" + agentId, admin));
          if (list == null) return null;
          for (JsonNode t : list) if (t.path("status").asText().equals("running") && t.path("progress").asInt() >= 10) return t;
          return null;
        });
        String transferId = running.get("id").asText();
        assertThat(running.get("progress").asInt()).isBetween(10, 99);
        assertThat(running.get("sourceUrl").asText()).isEqualTo("sftp://127.0.0.1:" + sshd.port() + remote + "/report.bin");
        assertThat(running.get("size").asLong()).isEqualTo(SIZE);
        server.kill();
        server = FerryProcess.start(tmp.resolve("server"), serverArgs, Map.of());
        Api again = server.api();
        String admin2 = server.cliKey(); // each start writes a new one

        // the transfer completed with its SHA-256, and every report got through
        JsonNode done = poll("the transfer to complete", Duration.ofSeconds(90), () -> {
          JsonNode t = dataOrNull(again.get("/api/transfers/" + transferId, admin2));
          return t != null && t.path("status").asText().equals("completed") ? t : null;
        });
        assertThat(done.get("sha256").asText()).isEqualTo(sha256);
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("bytesTransferred").asLong()).isEqualTo(SIZE);
        assertThat(done.get("agentId").asText()).isEqualTo(agentId);
        assertThat(done.get("jobId").asText()).isEqualTo(jobId);
        assertThat(Files.readAllBytes(inbox.resolve("report.bin"))).isEqualTo(data);
        String runId = done.get("runId").asText();
        JsonNode run = poll("the run to be closed", Duration.ofSeconds(60), () -> {
          JsonNode runs = dataOrNull(again.get("/api/jobs/" + jobId + "/runs?limit=100", admin2));
          if (runs == null) return null;
          for (JsonNode r : runs) if (r.path("id").asText().equals(runId) && !r.path("status").asText().equals("running")) return r;
          return null;
        });
        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.get("files").asInt()).isEqualTo(1);
        assertThat(run.get("bytes").asLong()).isEqualTo(SIZE);
        assertThat(run.get("transferIds").toString()).contains(transferId);

        // SIGTERM: exit 0 with the queue flushed, no report refused
        agent.destroy();
        assertThat(agent.waitFor(90, TimeUnit.SECONDS)).as("agent stops on SIGTERM").isTrue();
        assertThat(agent.exitValue()).as(log(agentDir)).isZero();
        assertThat(queued(agentDir.resolve("outbox"))).as("reports left in the queue").isEmpty();
        assertThat(agentDir.resolve("outbox/rejected")).doesNotExist();

        // no run recorded twice: distinct runs, each transfer in one run only
        JsonNode runs = data(again.get("/api/jobs/" + jobId + "/runs?limit=100", admin2), 200);
        Set<String> runIds = new HashSet<>();
        Set<String> transferIds = new HashSet<>();
        for (JsonNode r : runs) {
          assertThat(runIds.add(r.get("id").asText())).as("run listed once: " + r).isTrue();
          for (JsonNode t : r.path("transferIds")) assertThat(transferIds.add(t.asText())).as("transfer in one run: " + t).isTrue();
        }
        JsonNode transfers = data(again.get("/api/transfers?agentId=" + agentId + "&limit=100", admin2), 200);
        assertThat(transfers.size()).isEqualTo(transferIds.size());

        // restarted without a code it is the same agent; SIGKILLed, it shows offline within 3 missed heartbeats
        agent = startAgent(List.of("--server", server.url(), "--data-dir", agentDir.toString(), "--ca-file",
            server.certificate().toString(), "--heartbeat-interval", "" + HEARTBEAT_SECONDS), agentDir);
        Instant restarted = Instant.now();
        poll("a heartbeat of the restarted agent", Duration.ofSeconds(60), () -> {
          JsonNode a = dataOrNull(again.get("/api/agents/" + agentId, admin2));
          return a != null && !a.path("lastHeartbeat").isNull() && Instant.parse(a.get("lastHeartbeat").asText()).isAfter(restarted) ? a : null;
        });
        agent.destroyForcibly();
        agent.waitFor(30, TimeUnit.SECONDS);
        Instant killed = Instant.now();
        poll("the killed agent to show offline", Duration.ofSeconds(3L * HEARTBEAT_SECONDS + 15), () -> {
          JsonNode a = dataOrNull(again.get("/api/agents/" + agentId, admin2));
          return a != null && a.path("status").asText().equals("offline") ? a : null;
        });
        assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(3L * HEARTBEAT_SECONDS + 15));
      } finally {
        if (agent != null && agent.isAlive()) agent.destroyForcibly();
        server.close();
        System.out.println("--- agent log\n" + log(agentDir) + "--- server log\n" + server.log());
      }
    }
  }

  private static Process startAgent(List<String> args, Path agentDir) throws IOException {
    List<String> all = new ArrayList<>(List.of("agent"));
    all.addAll(args);
    Files.createDirectories(agentDir.getParent());
    return Launch.ferry(all, Map.of(), agentDir.getParent()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(agentDir.resolveSibling("agent.log").toFile())).start();
  }

  private static String log(Path agentDir) {
    try {
      return Files.readString(agentDir.resolveSibling("agent.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static Map<String, Object> sftpFolder(OpenSshd sshd, Path remote) throws IOException {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("endpoint", "127.0.0.1:" + sshd.port());
    config.put("username", sshd.user());
    config.put("private_key", Map.of("status", "Plain", "payload", sshd.clientKey()));
    config.put("fingerprints", List.of(sshd.fingerprint()));
    config.put("prefix", remote.toString());
    return Map.of("name", "partner", "description", "the partner's OpenSSH server",
        "filesystem", Map.of("provider", 5, "sftpconfig", config));
  }

  private static List<Path> queued(Path outbox) throws IOException {
    try (Stream<Path> s = Files.list(outbox)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void expectOk(Api.Response r, String what) {
    assertThat(r.status()).as(what + ": " + r).isBetween(200, 299);
  }

  private static JsonNode data(Api.Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    return r.json().get("data");
  }

  /** The envelope's data of a 2xx answer, else null (a 429 of the admin's rate limit, a restarting server). */
  private static JsonNode dataOrNull(Api.Response r) {
    return r.status() / 100 == 2 && r.json() != null ? r.json().get("data") : null;
  }

  /** Polls once a second (the admin's calls are rate-limited), tolerating a server that is away. */
  private static <T> T poll(String what, Duration timeout, Supplier<T> probe) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        T v = probe.get();
        if (v != null) return v;
      } catch (IllegalStateException e) {
        // connection refused while the server restarts
      }
      if (System.nanoTime() > end) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      Thread.sleep(1000);
    }
  }
}
