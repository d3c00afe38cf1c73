package ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first contact: registers with a one-time code and keeps the key, then asks the server to
 * sign a client certificate for mTLS. Later starts reuse the stored identity without a code.
 */
final class Enrollment {
  private static final Logger log = LoggerFactory.getLogger(Enrollment.class);

  private final IdentityStore store;
  private final Backoff backoff;

  Enrollment(IdentityStore store, Backoff backoff) {
    this.store = store;
    this.backoff = backoff;
  }

  /**
   * The stored identity, or a new one registered with {@code code}.
   *
   * @throws AgentException when there is neither, or the server refuses the code
   */
  Identity identity(ServerApi api, AgentConfig cfg, String version) throws IOException, InterruptedException {
    Optional<Identity> stored = store.load();
    if (stored.isPresent()) {
      if (!stored.get().server().equals(api.base().toString()))
        log.warn("this data dir was registered with {}, now talking to {}", stored.get().server(), api.base());
      return stored.get();
    }
    if (cfg.code() == null || cfg.code().isBlank())
      throw new AgentException("no identity in " + cfg.dataDir() + ": register first with --code (a registration code from"
          + " `ferry agent-code create --customer NAME` or POST /api/agents/registration-codes)");
    JsonNode body = Json.object().put("name", cfg.name()).put("hostname", hostname())
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"))
        .put("version", version).put("heartbeatInterval", cfg.heartbeatInterval().toSeconds())
        .put("registrationCode", cfg.code().strip());
    ApiResult r = untilAnswered(() -> api.post("/api/agents/register", body), "register");
    if (r.status() != 201 && r.status() != 200) throw new AgentException("the server refused the registration: " + r.describe());
    JsonNode agent = r.data().get("agent");
    Identity id = new Identity(Json.text(agent, "id"), Json.text(agent, "name"), Json.text(r.data(), "apiKey"), api.base().toString());
    store.save(id); // first: the code is spent, the key exists only in this answer
    log.info("registered as agent {} ({}); identity kept in {}", id.name(), id.agentId(), cfg.dataDir());
    return id;
  }

  /** Gets a client certificate signed unless one is kept; on failure logs why and goes on with the key only. */
  void ensureCertificate(ServerApi api, Identity id) throws InterruptedException {
    if (store.hasCertificate()) return;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = g.generateKeyPair();
      PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + id.agentId()), kp.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
      ApiResult r = api.post("/api/agents/certificate", Json.object().put("csr", pem(csr)));
      if (!r.ok() || r.data() == null || Json.text(r.data(), "certificate") == null) {
        log.warn("no client certificate (POST /api/agents/certificate: {}); going on with the API key only", r.describe());
        return;
      }
      store.saveCertificate(privateKeyPem(kp.getPrivate()), Json.text(r.data(), "certificate"), Json.text(r.data(), "caCertificate"));
      log.info("client certificate signed (fingerprint {}, valid until {})", Json.text(r.data(), "fingerprint"), Json.text(r.data(), "notAfter"));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      log.warn("no client certificate ({}); going on with the API key only", e.toString());
    }
  }

  private interface Call {
    ApiResult call() throws IOException, InterruptedException;
  }

  /** Retries while the server is unreachable or failing; a refusal (4xx) is returned. */
  private ApiResult untilAnswered(Call call, String what) throws InterruptedException, IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        ApiResult r = call.call();
        if (!r.transientFailure() || attempt >= 8) return r;
        Thread.sleep(Math.max(r.retryAfter().map(d -> d.toMillis()).orElse(0L), backoff.delay(attempt).toMillis()));
      } catch (IOException e) {
        if (attempt >= 8) throw e;
        log.warn("{}: server unreachable ({}); retrying", what, e.toString());
        Thread.sleep(backoff.delay(attempt).toMillis());
      }
    }
  }

  /**
   * The key as PKCS#8 ({@code BEGIN PRIVATE KEY}), which names its curve; BC's default for EC keys
   * (SEC1 without parameters) does not read back into a JCA key.
   */
  static String privateKeyPem(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    }
    return w.toString();
  }

  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null ? "unknown" : env;
    }
  }
}
