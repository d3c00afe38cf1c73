package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents' mTLS with real tools against a real {@code ferry serve}: the key and CSR made by running
 * the registration answer's {@code csrTemplate} (OpenSSL), the certificate checked by {@code openssl
 * verify} against {@code GET /api/agents/ca}, and curl calling with only the client certificate.
 */
class AgentMtlsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static FerryProcess server;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    server = FerryProcess.start(tmp.resolve("ferry-data"));
    api = server.api();
    Path home = Files.createDirectories(tmp.resolve("alice-home"));
    Launch.Result add = Launch.run(List.of("user", "add", "--username", "alice", "--password", "Agent-mtls-Passw0rd",
        "--home-dir", home.toString(), "--permissions", "/=*"), new HashMap<>(), tmp, null);
    assertThat(add.exitCode()).as(add.toString()).isZero();
    Launch.Result grant = Launch.run(List.of("customer", "add", "alice"), new HashMap<>(), tmp, null);
    assertThat(grant.exitCode()).as(grant.toString()).isZero();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  void anAgentFollowsItsCsrTemplateAndCallsWithItsCertificateAlone() throws Exception {
    Api.Response reg = api.call("POST", "/api/agents/register", server.cliKey(), JSON.writeValueAsString(Map.of(
        "name", "edge-mtls", "hostname", "edge.example.com", "os", "linux", "version", "0.1.0",
        "customerIdentifier", "alice")));
    assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
    String id = reg.json().path("data").path("agent").path("id").asText();
    String key = reg.json().path("data").path("apiKey").asText();
    String template = reg.json().path("data").path("mtls").path("csrTemplate").asText();
    assertThat(reg.json().path("data").path("mtls").path("csrEndpoint").asText()).isEqualTo("/api/agents/certificate");

    // the template is an OpenSSL command line; run it as it reads, in a directory of its own
    Path work = Files.createDirectories(tmp.resolve("agent"));
    Launch.Result made = Shell.run(List.of("sh", "-c", "cd '" + work + "' && " + template));
    assertThat(made.exitCode()).as(made.toString()).isZero();
    String csr = Files.readString(work.resolve("agent.csr"));

    Api.Response signed = api.call("POST", "/api/agents/certificate", key, JSON.writeValueAsString(Map.of("csr", csr)));
    assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
    Files.writeString(work.resolve("agent.crt"), signed.json().path("data").path("certificate").asText());
    Api.Response ca = api.get("/api/agents/ca", null);
    assertThat(ca.status()).isEqualTo(200);
    assertThat(ca.body()).isEqualTo(signed.json().path("data").path("caCertificate").asText());
    Files.writeString(work.resolve("ca.pem"), ca.body());

    Launch.Result verified = Shell.run(List.of("openssl", "verify", "-purpose", "sslclient", "-CAfile",
        work.resolve("ca.pem").toString(), work.resolve("agent.crt").toString()));
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    Launch.Result subject = Shell.run(List.of("openssl", "x509", "-noout", "-subject", "-in", work.resolve("agent.crt").toString()));
    assertThat(subject.out()).contains("CN = " + id);

    Launch.Result beat = curl(work, true);
    assertThat(beat.exitCode()).as(beat.toString()).isZero();
    assertThat(beat.out()).endsWith("200");
    assertThat(JSON.readTree(beat.out().substring(0, beat.out().length() - 3)).path("data").path("id").asText())
        .isEqualTo(id);
    Launch.Result bare = curl(work, false);
    assertThat(bare.out()).as(bare.toString()).endsWith("401");

    // deleted with the CLI's admin key: the certificate stops working at once
    assertThat(api.call("DELETE", "/api/agents/" + id, server.cliKey(), null).status()).isEqualTo(200);
    assertThat(curl(work, true).out()).endsWith("401");
  }

  /** POST /api/agents/heartbeat with curl, with or without the agent's certificate; prints the body, then the status. */
  private static Launch.Result curl(Path work, boolean withCertificate) {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--cacert", server.certificate().toString(),
        "-X", "POST", "-H", "Content-Type: application/json", "-d", "{}", "-w", "%{http_code}"));
    if (withCertificate)
      cmd.addAll(List.of("--cert", work.resolve("agent.crt").toString(), "--key", work.resolve("agent.key").toString()));
    cmd.add(server.url() + "/api/agents/heartbeat");
    return Shell.run(cmd);
  }
}
