package ferry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.agentca.Csrs;
import ferry.server.files.V2Client;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * The objects {@link TenancyMatrixTest} makes through the API of one TLS test server: users that are
 * no customers, registration codes, transfers, HTTP uploads, VFS Library entries, jobs, runs, and
 * agents' client certificates. Each fails the test when the server refuses.
 */
final class TenancyWorld {
  private final ApiFixture api;
  private final V2Client c;
  private final Path dir;

  /** @param dir the directory {@code api} was started in ({@link ApiFixture#startTls}) */
  TenancyWorld(ApiFixture api, Path dir) {
    this.api = api;
    this.c = api.client();
    this.dir = dir;
  }

  /** A file-server user {@code name} that is no customer. */
  void user(String name, String password) {
    ApiFixture.expect(c.post("/api/v2/users", api.admin(), Map.of("username", name, "password", password,
        "home_dir", dir.resolve("homes").resolve(name).toString(), "permissions", Map.of("/", List.of("*")))),
        201, "user " + name);
  }

  /** A registration code for {@code customer}, made by the admin. */
  String code(String customer) {
    Response r = ApiFixture.expect(c.post("/api/agents/registration-codes", api.admin(), Map.of("customer", customer)),
        201, "registration code for " + customer);
    return r.json().path("data").path("code").asText();
  }

  /** A new pending transfer ({@code body}) of the agent whose key is {@code agent}; its id. */
  String transfer(Auth agent, String body) {
    Response r = ApiFixture.expect(c.post("/api/transfers", agent, body), 201, "create a transfer");
    return r.json().path("data").path("id").asText();
  }

  /** Uploads {@code file} over /api/v2 as the customer whose token is {@code who}; the id of its transfer. */
  String upload(Auth who, String file) {
    ApiFixture.expect(c.send("POST", "/api/v2/user/files/upload?path=" + file, who,
        HttpRequest.BodyPublishers.ofString("1,2,3\n"), "application/octet-stream"), 201, "upload " + file);
    Response all = ApiFixture.expect(c.get("/api/transfers?limit=100", api.admin()), 200, "transfers");
    for (JsonNode t : all.json().path("data"))
      if (t.path("sourceUrl").asText().endsWith(file) || t.path("destinationPath").asText().endsWith(file))
        return t.path("id").asText();
    throw new AssertionError("the upload of " + file + " is not listed: " + all.body());
  }

  /** A VFS Library entry {@code name} on a local directory. */
  void folder(String name) {
    Path root = dir.resolve("vfs").resolve(name);
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ApiFixture.expect(c.post("/api/v2/folders", api.admin(), Map.of("name", name, "mapped_path", root.toString(),
        "filesystem", Map.of("provider", 0))), 201, "folder " + name);
  }

  /** A scheduled job the admin makes; its id. */
  String job(Map<String, Object> body) {
    return ApiFixture.expect(c.post("/api/jobs", api.admin(), body), 201, "job " + body.get("name"))
        .json().path("data").path("id").asText();
  }

  /** A run of {@code job} that the agent whose key is {@code agent} starts; its id. */
  String run(Auth agent, String job) {
    return ApiFixture.expect(c.post("/api/jobs/" + job + "/runs", agent, Map.of()), 201, "run of " + job)
        .json().path("data").path("id").asText();
  }

  /** A pipeline of the customer (or admin) whose token is {@code who}, on {@code user}'s own files; its id. */
  String pipeline(Auth who, String identifier, String user) {
    return ApiFixture.expect(c.post("/api/pipelines", who, Map.of("identifier", identifier, "name", identifier,
        "yaml", OrchestrationWorld.pipelineYaml(user))), 201, "pipeline " + identifier).json().path("data").path("id")
        .asText();
  }

  /** A run of pipeline {@code id}, started by {@code who}; its id. */
  String pipelineRun(Auth who, String id) {
    return ApiFixture.expect(c.post("/api/pipelines/" + id + "/runs", who, ""), 201, "run of pipeline " + id)
        .json().path("data").path("id").asText();
  }

  /**
   * A client presenting (and trusting the server with) the certificate the agent whose key is
   * {@code agentKey} gets for a new CSR; it replaces the agent's former certificate.
   */
  V2Client certificateClient(Auth agentKey) {
    KeyPair keys = Csrs.ecKey();
    Response r = ApiFixture.expect(c.post("/api/agents/certificate", agentKey, Map.of("csr", Csrs.pem(keys, "CN=a"))),
        200, "sign an agent's CSR");
    X509Certificate cert;
    try {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(
          r.json().path("data").path("certificate").asText().getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new AssertionError(r.body(), e);
    }
    HttpClient http = TlsClients.presenting(ApiFixture.serverCert(dir), keys.getPrivate(), cert);
    return new V2Client(api.server().url(), http);
  }
}
