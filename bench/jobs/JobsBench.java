import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.script.CancelSignal;
import ferry.script.LogLevel;
import ferry.script.ScriptConfig;
import ferry.script.ScriptEngine;
import ferry.script.ScriptHost;
import ferry.script.ScriptRun;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Run by run.sh: drives a running `ferry serve` through its /v1 API. */
public class JobsBench {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SCRIPT = "Log.Info('ok');";
  static HttpClient http;
  static String base;
  static String key;
  static ProcessHandle server;

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    JsonNode info = JSON.readTree(data.resolve("server.json").toFile());
    base = info.get("url").asText();
    server = ProcessHandle.of(info.get("pid").asLong()).orElseThrow();
    int warmUp = Integer.parseInt(args[2]);
    // First, before any HTTP connection exists that could idle out meanwhile.
    double engineRate = engineRate(warmUp, 2000);
    http = HttpClient.newBuilder().sslContext(trusting(data.resolve("tls/server-cert.pem"))).build();
    String admin = Files.readString(data.resolve("cli.key")).trim();
    call("POST", "/v1/adm/scripts", admin, "{\"name\":\"trivial\",\"source\":\"" + SCRIPT + "\"}");
    key = call("POST", "/v1/adm/apikeys", admin, "{\"name\":\"bench\",\"scope\":\"admin\"}").get("key").asText();

    // The script engine (the Truffle interpreter, compiled by HotSpot as it runs) takes thousands
    // of runs to reach its steady speed, so the server is warmed up with that many jobs first.
    List<String> rates = new ArrayList<>();
    for (int done = 0; done < warmUp; done += 1000) rates.add(String.format("%.0f", throughput(8, Math.min(1000, warmUp - done)).jobsPerSec));
    System.err.println("server warm-up, jobs/s per batch of 1000: " + String.join(" ", rates));
    Latency idle = idleLatency(200);
    Phase one = throughput(1, n / 2);
    Phase eight = throughput(8, n);

    System.out.printf("%nFerry jobs benchmark (%d cores, %s; after %d warm-up runs/jobs)%n",
        Runtime.getRuntime().availableProcessors(), Runtime.version(), warmUp);
    System.out.printf("  engine: raw context-create-and-eval        %8.0f runs/s%n", engineRate);
    System.out.printf("  end to end, 1 client  (POST -> completed)   %8.0f jobs/s  (%.0f%% of the engine rate); CPU per job: server %.2f ms, bench client %.2f ms%n",
        one.jobsPerSec, 100 * one.jobsPerSec / engineRate, one.serverCpuMs, one.clientCpuMs);
    System.out.printf("  end to end, 8 clients (POST -> completed)   %8.0f jobs/s  (%.0f%% of the engine rate); CPU per job: server %.2f ms, bench client %.2f ms%n",
        eight.jobsPerSec, 100 * eight.jobsPerSec / engineRate, eight.serverCpuMs, eight.clientCpuMs);
    System.out.printf("  trigger-to-start when idle: p50 %.1f ms, p99 %.1f ms; POST-to-completed p50 %.1f ms%n",
        idle.p50StartMs, idle.p99StartMs, idle.p50DoneMs);
    System.out.printf("  targets: >= 300 jobs/s end to end; p99 trigger-to-start < 50 ms when idle%n");
  }

  /** The script engine alone: a fresh sandboxed context per run on one shared engine. */
  static double engineRate(int warmUp, int runs) {
    ScriptHost host = new ScriptHost() {
      public Optional<String> secret(String name) { return Optional.empty(); }
      public void log(LogLevel level, String message) {}
    };
    try (ScriptEngine engine = new ScriptEngine(ScriptConfig.defaults())) {
      for (int i = 0; i < warmUp; i++) run(engine, host);
      long t0 = System.nanoTime();
      for (int i = 0; i < runs; i++) run(engine, host);
      return runs / ((System.nanoTime() - t0) / 1e9);
    }
  }

  static void run(ScriptEngine engine, ScriptHost host) {
    engine.run(new ScriptRun("trivial", SCRIPT, Map.of(), host, Duration.ZERO, new CancelSignal()));
  }

  record Latency(double p50StartMs, double p99StartMs, double p50DoneMs) {}

  /** One job at a time on an idle server: how long from the POST until a worker starts it. */
  static Latency idleLatency(int jobs) throws Exception {
    List<Double> start = new ArrayList<>();
    List<Double> done = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      long t0 = System.nanoTime();
      String id = call("POST", "/v1/jobs", key, "{\"scriptName\":\"trivial\"}").get("id").asText();
      JsonNode j;
      do {
        j = call("GET", "/v1/adm/jobs/" + id, key, null);
        if (!j.get("status").asText().equals("completed")) Thread.sleep(1);
      } while (!j.get("status").asText().equals("completed"));
      done.add((System.nanoTime() - t0) / 1e6);
      start.add(Duration.between(Instant.parse(j.get("createdAt").asText()), Instant.parse(j.get("startedAt").asText())).toNanos() / 1e6);
    }
    return new Latency(pct(start, 50), pct(start, 99), pct(done, 50));
  }

  record Phase(double jobsPerSec, double serverCpuMs, double clientCpuMs) {}

  /**
   * {@code clients} clients post {@code jobs} jobs back to back; jobs/s from the first POST to the
   * last completion, and the CPU time the server and this client process spent per job meanwhile.
   */
  static Phase throughput(int clients, int jobs) throws Exception {
    long before = completed();
    Duration server0 = cpu(server);
    Duration client0 = cpu(ProcessHandle.current());
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long t0 = System.nanoTime();
    List<Future<?>> fs = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int share = jobs / clients;
      fs.add(pool.submit(() -> {
        for (int i = 0; i < share; i++) call("POST", "/v1/jobs", key, "{\"scriptName\":\"trivial\"}");
        return null;
      }));
    }
    try {
      for (Future<?> f : fs) f.get();
    } finally {
      pool.shutdownNow();
    }
    // Polls the small queued and running sets (an index range each), not the growing completed
    // count, and only every 50 ms, so polling does not steal the CPU it measures.
    while (count("queued") + count("running") > 0) Thread.sleep(50);
    long n = (jobs / clients) * clients;
    if (completed() - before != n) throw new IllegalStateException("not every job completed; see the server's job list");
    double perSec = n / ((System.nanoTime() - t0) / 1e9);
    return new Phase(perSec, cpu(server).minus(server0).toNanos() / 1e6 / n,
        cpu(ProcessHandle.current()).minus(client0).toNanos() / 1e6 / n);
  }

  static Duration cpu(ProcessHandle p) {
    return p.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for process " + p.pid()));
  }

  static long completed() throws Exception {
    return count("completed");
  }

  static long count(String status) throws Exception {
    return call("GET", "/v1/adm/jobs?status=" + status + "&limit=1", key, null).get("total").asLong();
  }

  static double pct(List<Double> xs, int p) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
  }

  static JsonNode call(String method, String path, String apiKey, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", apiKey)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
    return JSON.readTree(r.body());
  }

  static SSLContext trusting(Path cert) throws Exception {
    try (InputStream in = Files.newInputStream(cert)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("ferry", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    }
  }
}
