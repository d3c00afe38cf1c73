import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Run by run.sh against a running `ferry serve`: registers AGENTS agents of one customer, then for
 * DURATION seconds each agent heartbeats every INTERVAL seconds (random phase) while TRANSFERS of
 * them patch a running transfer's progress every second, as seed 003's agents do. Prints
 * requests/s, latency percentiles, refusals and the server's CPU use over the measured window.
 */
public class AgentsBench {
  static final ObjectMapper JSON = new ObjectMapper();
  static HttpClient http;
  static String base;

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    String adminPassword = args[1];
    int agents = Integer.parseInt(args[2]);
    int interval = Integer.parseInt(args[3]);
    int transfers = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);
    String label = args[6];
    JsonNode info = JSON.readTree(data.resolve("server.json").toFile());
    base = info.get("url").asText();
    long pid = info.get("pid").asLong();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(trusting(data.resolve("tls/server-cert.pem"))).build();

    // Setup, unthrottled: registering 1,000 agents with one customer token would take the
    // authenticated class's 60 per minute for 17 minutes. The measured calls are the agent class.
    String cliKey = Files.readString(data.resolve("cli.key")).trim();
    call("PATCH", "/v1/adm/settings", Map.of("X-API-Key", cliKey), "{\"rateLimitAuthenticated\":100000000}");
    String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    String adminToken = call("GET", "/api/v2/token", Map.of("Authorization", basic), null).get("access_token").asText();
    Map<String, String> admin = Map.of("Authorization", "Bearer " + adminToken);
    Path home = Files.createTempDirectory("ferry-bench-agents-home");
    call("POST", "/api/v2/users", admin, JSON.writeValueAsString(Map.of("username", "bench", "password", "Bench-Passw0rd-1",
        "home_dir", home.toString(), "permissions", Map.of("/", List.of("*")))));
    call("PUT", "/api/customers/bench", admin, "{}");
    String userBasic = "Basic " + Base64.getEncoder().encodeToString("bench:Bench-Passw0rd-1".getBytes(StandardCharsets.UTF_8));
    String customerToken = call("GET", "/api/v2/user/token", Map.of("Authorization", userBasic), null).get("access_token").asText();
    Map<String, String> customer = Map.of("Authorization", "Bearer " + customerToken);

    List<String> keys = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<java.util.concurrent.Future<String>> fs = new ArrayList<>();
      for (int i = 0; i < agents; i++) {
        String body = "{\"name\":\"bench-" + i + "\",\"hostname\":\"h" + i + ".example\",\"os\":\"linux\",\"version\":\"0.1.0\"}";
        fs.add(pool.submit(() -> call("POST", "/api/agents/register", customer, body).path("data").path("apiKey").asText()));
      }
      for (var f : fs) keys.add(f.get());
    }
    System.err.printf("%s: %d agents registered%n", label, keys.size());

    List<String> transferIds = new ArrayList<>();
    for (int i = 0; i < transfers; i++) {
      Map<String, String> agent = Map.of("X-API-Key", keys.get(i));
      String id = call("POST", "/api/transfers", agent, "{\"sourceUrl\":\"sftp://peer.example:22/in/f" + i
          + ".bin\",\"destinationPath\":\"/data/f" + i + ".bin\",\"direction\":\"pull\",\"protocol\":\"sftp\",\"size\":"
          + Long.MAX_VALUE / 4 + "}").path("data").path("id").asText();
      call("PATCH", "/api/transfers/" + id, agent, "{\"status\":\"running\",\"progress\":0,\"bytesTransferred\":0}");
      transferIds.add(id);
    }

    // warm-up: one round of every kind, unmeasured
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong refused = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long cpu0 = cpuTicks(pid);
    long t0 = System.nanoTime();
    try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String key : keys) vt.submit(() -> heartbeats(key, interval, end, latencies, refused));
      for (int i = 0; i < transferIds.size(); i++) {
        String key = keys.get(i);
        String id = transferIds.get(i);
        vt.submit(() -> progress(key, id, end, latencies, refused));
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (cpuTicks(pid) - cpu0) / 100.0; // USER_HZ
    long[] ms = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("%n%s: %d agents heartbeating every %d s + %d transfers patching every 1 s, %d s%n",
        label, agents, interval, transfers, seconds);
    System.out.printf("  %8.0f requests/s (%d requests, %d refused or failed)%n", ms.length / wall, ms.length, refused.get());
    System.out.printf("  latency: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (target p99 < 50 ms)%n",
        pct(ms, 50), pct(ms, 99), pct(ms, 99.9), ms.length == 0 ? 0 : ms[ms.length - 1] / 1e6);
    System.out.printf("  server CPU: %.0f%% of one core on average (%d cores)%n", 100 * cpuSeconds / wall,
        Runtime.getRuntime().availableProcessors());
    System.out.printf("  per agent: %.2f requests/min against the agent limit of 300/min (%.0fx headroom)%n",
        60.0 / interval, 300 / (60.0 / interval));
  }

  static void heartbeats(String key, int interval, long end, ConcurrentLinkedQueue<Long> lat, AtomicLong refused) {
    Map<String, String> h = Map.of("X-API-Key", key);
    long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(interval * 1_000_000_000L);
    while (true) {
      if (!sleepUntil(next) || next > end) return;
      double load = ThreadLocalRandom.current().nextDouble(0, 4);
      timed("POST", "/api/agents/heartbeat", h, "{\"status\":\"online\",\"load\":" + load + ",\"memory\":512}", lat, refused);
      next += interval * 1_000_000_000L;
    }
  }

  static void progress(String key, String id, long end, ConcurrentLinkedQueue<Long> lat, AtomicLong refused) {
    Map<String, String> h = Map.of("X-API-Key", key);
    long bytes = 0;
    long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    while (true) {
      if (!sleepUntil(next) || next > end) return;
      bytes += 10_485_760;
      timed("PATCH", "/api/transfers/" + id, h, "{\"status\":\"running\",\"progress\":1,\"bytesTransferred\":" + bytes
          + ",\"speed\":10485760}", lat, refused);
      next += 1_000_000_000L;
    }
  }

  static boolean sleepUntil(long nanoTime) {
    long wait = nanoTime - System.nanoTime();
    if (wait <= 0) return true;
    try {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  static void timed(String method, String path, Map<String, String> headers, String body,
      ConcurrentLinkedQueue<Long> lat, AtomicLong refused) {
    long t = System.nanoTime();
    try {
      HttpResponse<String> r = send(method, path, headers, body);
      lat.add(System.nanoTime() - t);
      if (r.statusCode() >= 300) refused.incrementAndGet();
    } catch (Exception e) {
      refused.incrementAndGet();
    }
  }

  static JsonNode call(String method, String path, Map<String, String> headers, String body) throws Exception {
    HttpResponse<String> r = send(method, path, headers, body);
    if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
    return JSON.readTree(r.body());
  }

  static HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static long cpuTicks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
  }

  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  static SSLContext trusting(Path pem) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      ks.setCertificateEntry("ferry", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
