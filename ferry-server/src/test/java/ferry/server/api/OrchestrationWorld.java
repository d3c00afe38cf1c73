package ferry.server.api;

import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the table-driven /api tests call with: which parts of issue 13 this build serves, two
 * customers, and (once the parts are served) an agent of the first with its key, a transfer of that
 * agent, a job for it on a VFS Library entry, and a run of the job, all made through the API itself.
 *
 * <p>A part counts as served once its probe no longer answers "this server does not serve", so
 * rows of a part join the tests as the part lands on main.
 */
final class OrchestrationWorld {
  /** A request that tells whether a part is served. */
  static final Map<String, String> PROBES = Map.of("agents", "POST /api/agents/register", "mtls",
      "POST /api/agents/certificate",
      "transfers", "GET /api/transfers", "jobs", "GET /api/jobs", "pipelines", "GET /api/pipelines");

  enum Who { NONE, ADMIN, CUSTOMER, OTHER_CUSTOMER, AGENT }

  final ApiFixture api;
  final Set<String> served = new HashSet<>();
  final Auth customer;
  final Auth otherCustomer;
  /** The agent's key; null while agents are not served. */
  Auth agent;
  /** agentId, transferId, jobId, runId as far as this build has them. */
  final Map<String, String> ids = new HashMap<>();

  private OrchestrationWorld(ApiFixture api, String prefix, Set<String> landed) {
    this.api = api;
    this.customer = api.customer(prefix + "-cust");
    this.otherCustomer = api.customer(prefix + "-other");
    served.addAll(landed);
    PROBES.forEach((part, probe) -> {
      String[] mp = probe.split(" ");
      Response r = api.client().sendJson(mp[0], mp[1], Auth.NONE, "{}");
      // 405: the path matches another part's route (/api/agents/{id}) but not this method
      if (!unserved(r) && r.status() != 405) served.add(part);
    });
  }

  /** Customers {@code prefix-cust} and {@code prefix-other}, and what the served parts let it make. */
  static OrchestrationWorld make(ApiFixture api, Path dir, String prefix, Set<String> landed) {
    OrchestrationWorld w = new OrchestrationWorld(api, prefix, landed);
    if (w.served.contains("agents")) {
      Response reg = expect(api.client().post("/api/agents/register", w.customer,
          Map.of("name", prefix + "-agent", "hostname", prefix + ".example.com", "os", "linux", "version", "0.1.0")), 201);
      w.ids.put("agentId", reg.json().path("data").path("agent").path("id").asText());
      w.agent = new Auth(ApiFixture.AGENT_KEY_HEADER, reg.json().path("data").path("apiKey").asText());
    }
    if (w.served.contains("transfers") && w.agent != null) {
      Response t = expect(api.client().post("/api/transfers", w.agent, Map.of("sourceUrl", "sftp://h/f.csv",
          "destinationPath", "/local/f.csv", "direction", "pull", "protocol", "sftp", "size", 10)), 201);
      w.ids.put("transferId", t.json().path("data").path("id").asText());
    }
    if (w.served.contains("jobs") && w.agent != null) {
      String folder = prefix + "-folder";
      try {
        Path mapped = Files.createDirectories(dir.resolve(folder));
        expect(api.client().post("/api/v2/folders", api.admin(), Map.of("name", folder, "mapped_path",
            mapped.toString(), "filesystem", Map.of("provider", 0))), 201);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Response j = expect(api.client().post("/api/jobs", api.admin(), Map.of("name", prefix + "-job", "agentId",
          w.ids.get("agentId"), "sourcePath", folder + ":/in", "destinationPath", "/local/in", "schedule", "0 2 * * *",
          "protocol", "sftp", "direction", "pull", "enabled", true)), 201);
      w.ids.put("jobId", j.json().path("data").path("id").asText());
      Response run = expect(api.client().post("/api/jobs/" + w.ids.get("jobId") + "/runs", w.agent, Map.of()), 201);
      w.ids.put("runId", run.json().path("data").path("id").asText());
    }
    if (w.served.contains("pipelines")) {
      Response p = expect(api.client().post("/api/pipelines", w.customer, Map.of("identifier", prefix + "-pipe",
          "name", prefix + " pipeline", "yaml", pipelineYaml(prefix + "-cust"))), 201);
      w.ids.put("pipelineId", p.json().path("data").path("id").asText());
      Response run = expect(api.client().post("/api/pipelines/" + w.ids.get("pipelineId") + "/runs", w.customer,
          Map.of()), 201);
      w.ids.put("pipelineRunId", run.json().path("data").path("id").asText());
    }
    return w;
  }

  /** A valid pipeline of {@code user}'s own files, on one line (flow style) so that it fits in JSON as is. */
  static String pipelineYaml(String user) {
    return "{source: {user: " + user + ", path: /in}, steps: [{type: gzip}], destination: {user: " + user
        + ", path: /out}}";
  }

  Auth as(Who who) {
    return switch (who) {
      case NONE -> Auth.NONE;
      case ADMIN -> api.admin();
      case CUSTOMER -> customer;
      case OTHER_CUSTOMER -> otherCustomer;
      case AGENT -> agent;
    };
  }

  /** {@code path} with {agentId}, {transferId}, {jobId}, {runId}, {pipelineId}, {pipelineRunId} filled in. */
  String withIds(String path) {
    String p = path;
    for (Map.Entry<String, String> e : ids.entrySet()) p = p.replace("{" + e.getKey() + "}", e.getValue());
    return p;
  }

  /** A 404 saying no route matched: the route is not in this build. */
  static boolean unserved(Response r) {
    return r.status() == 404 && r.body().contains("this server does not serve");
  }

  private static Response expect(Response r, int status) {
    return ApiFixture.expect(r, status, "setup");
  }
}
