package ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The data dir's identity files: agent.json, and the client key, certificate and CA in PEM. */
final class IdentityStore {
  static final String IDENTITY = "agent.json";
  static final String KEY = "agent-key.pem";
  static final String CERT = "agent-cert.pem";
  static final String CA = "agent-ca.pem";

  private final Path dir;

  IdentityStore(Path dir) {
    this.dir = dir;
  }

  Optional<Identity> load() throws IOException {
    Path file = dir.resolve(IDENTITY);
    if (!Files.exists(file)) return Optional.empty();
    JsonNode n = Json.MAPPER.readTree(file.toFile());
    return Optional.of(new Identity(Json.text(n, "agentId"), Json.text(n, "name"), Json.text(n, "apiKey"), Json.text(n, "server")));
  }

  void save(Identity id) throws IOException {
    ObjectNode n = Json.object().put("agentId", id.agentId()).put("name", id.name()).put("apiKey", id.apiKey()).put("server", id.server());
    PrivateFiles.write(dir.resolve(IDENTITY), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
  }

  /** Whether a client key and its signed certificate are both present. */
  boolean hasCertificate() {
    return Files.exists(dir.resolve(KEY)) && Files.exists(dir.resolve(CERT));
  }

  void saveCertificate(String keyPem, String certPem, String caPem) throws IOException {
    PrivateFiles.write(dir.resolve(KEY), keyPem.getBytes(StandardCharsets.UTF_8));
    PrivateFiles.write(dir.resolve(CERT), certPem.getBytes(StandardCharsets.UTF_8));
    if (caPem != null) PrivateFiles.write(dir.resolve(CA), caPem.getBytes(StandardCharsets.UTF_8));
  }

  Path keyFile() {
    return dir.resolve(KEY);
  }

  Path certFile() {
    return dir.resolve(CERT);
  }
}
