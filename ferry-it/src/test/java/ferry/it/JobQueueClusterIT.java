package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Waits;
import ferry.store.TestDatabases;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two server nodes on one PostgreSQL database: every job runs exactly once, on one of them. */
class JobQueueClusterIT {
  private static final int JOBS = 500;
  @TempDir Path tmp;

  @Test
  void twoNodesRunEachOf500JobsExactlyOnce() throws Exception {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    HttpServer counter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    counter.createContext("/ran/", ex -> {
      runs.computeIfAbsent(ex.getRequestURI().getPath().substring(5), k -> new AtomicInteger()).incrementAndGet();
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    ExecutorService counting = Executors.newFixedThreadPool(8);
    counter.setExecutor(counting);
    counter.start();
    String db = TestDatabases.newPostgres();
    Map<String, String> env = Map.of("FERRY_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    List<String> args = List.of("--db-url", db, "--workers", "8");
    try (FerryProcess a = FerryProcess.start(tmp.resolve("node-a"), args, env);
         FerryProcess b = FerryProcess.start(tmp.resolve("node-b"), args, env)) {
      String admin = a.cliKey();
      a.api().expect(201, "POST", "/v1/adm/scripts", admin,
          "{\"name\":\"Count\",\"source\":\"var r = HttpCli().Url(Params('url') + '/ran/' + Params('n')).Post('x');"
              + " if (!r.Ok()) { Log.Error(r.ErrorMsg()); Exit(2); }\"}");
      String key = a.api().expect(201, "POST", "/v1/adm/apikeys", admin, "{\"name\":\"load\",\"scope\":\"admin\"}")
          .get("key").asText();
      String url = "http://127.0.0.1:" + counter.getAddress().getPort();
      ExecutorService clients = Executors.newFixedThreadPool(8);
      List<Future<?>> posts = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        Api api = (i % 2 == 0 ? a : b).api();
        String body = "{\"scriptName\":\"count\",\"params\":{\"url\":\"" + url + "\",\"n\":\"" + i + "\"}}";
        posts.add(clients.submit(() -> api.expect(201, "POST", "/v1/jobs", key, body)));
      }
      for (Future<?> f : posts) f.get();
      clients.shutdown();
      Waits.until("all jobs to complete", Duration.ofSeconds(180), () -> {
        JsonNode done = a.api().expect(200, "GET", "/v1/adm/jobs?status=completed&limit=1", key, null);
        return done.get("total").asInt() == JOBS ? true : null;
      });
      assertThat(runs).hasSize(JOBS);
      assertThat(runs.values()).allMatch(n -> n.get() == 1);
      Set<String> nodes = new HashSet<>();
      for (int page = 1; page <= (JOBS + 199) / 200; page++) {
        a.api().expect(200, "GET", "/v1/adm/jobs?limit=200&page=" + page, key, null).get("items")
            .forEach(j -> nodes.add(j.get("node").asText()));
      }
      assertThat(nodes).as("both nodes ran jobs").hasSize(2);
      assertThat(a.stop()).isZero();
      assertThat(b.stop()).isZero();
    } finally {
      counter.stop(0);
      counting.shutdownNow(); // its threads would keep a JVM that runs the test alone from exiting
      TestDatabases.dropPostgres(db);
    }
  }
}
