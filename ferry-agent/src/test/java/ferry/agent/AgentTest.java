package ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process's life against a faked /api: registration, identity, heartbeats, stop. */
class AgentTest {
  @TempDir Path dataDir;
  FakeFerry server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeFerry();
    server.answer(r -> switch (r.path().replaceAll("\\?.*", "")) {
      case "/api/agents/register" -> "good-code".equals(r.body().path("registrationCode").asText())
          ? new FakeFerry.Answer(201, "{\"success\":true,\"data\":{\"agent\":{\"id\":\"a-1\",\"name\":\"edge\",\"status\":\"online\"},"
              + "\"apiKey\":\"mft_ak_secret\",\"mtls\":{\"enabled\":true}}}", java.util.Map.of())
          : FakeFerry.Answer.status(401);
      case "/api/agents/certificate" -> FakeFerry.Answer.status(404);
      case "/api/jobs" -> new FakeFerry.Answer(200, "{\"success\":true,\"data\":[],\"pagination\":{\"page\":1,\"limit\":100,\"total\":0,\"totalPages\":0}}", java.util.Map.of());
      default -> FakeFerry.Answer.ok("{}");
    });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  AgentConfig config(String code) {
    return new AgentConfig(server.uri(), code, dataDir, "edge", false, null, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(2), 0);
  }

  @Test
  void registersOnceKeepsItsKeyPrivatelyThenRestartsWithoutACode() throws Exception {
    Agent agent = Agent.start(config("good-code"));
    assertThat(agent.agentId()).isEqualTo("a-1");
    var register = server.requests("POST", "/api/agents/register").get(0).body();
    assertThat(register.get("name").asText()).isEqualTo("edge");
    assertThat(register.get("hostname").asText()).isNotBlank();
    assertThat(register.get("os").asText()).isNotBlank();
    assertThat(register.get("version").asText()).isNotBlank();
    assertThat(server.requests("POST", "/api/agents/certificate").get(0).body().get("csr").asText())
        .startsWith("-----BEGIN CERTIFICATE REQUEST-----");
    FakeFerry.await(() -> server.requests("POST", "/api/agents/heartbeat").size() >= 2, Duration.ofSeconds(10), "two heartbeats");
    assertThat(server.requests("POST", "/api/agents/heartbeat")).allSatisfy(r -> assertThat(r.apiKey()).isEqualTo("mft_ak_secret"));
    assertThat(server.requests("POST", "/api/agents/heartbeat").get(0).body().get("status").asText()).isEqualTo("online");
    FakeFerry.await(() -> !server.requests("GET", "/api/jobs").isEmpty(), Duration.ofSeconds(10), "the job list");
    agent.stop();

    Path identity = dataDir.resolve("agent.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(identity))).isEqualTo("rw-------");
    assertThat(Files.readString(identity)).contains("mft_ak_secret");

    Agent again = Agent.start(config(null));
    assertThat(again.agentId()).isEqualTo("a-1");
    again.stop();
    assertThat(server.requests("POST", "/api/agents/register")).hasSize(1);
  }

  @Test
  void aRefusedCodeOrNoCodeAtAllIsSaidInOneLine() {
    assertThatThrownBy(() -> Agent.start(config("bad-code"))).isInstanceOf(AgentException.class).hasMessageContaining("HTTP 401");
    assertThatThrownBy(() -> Agent.start(config(null))).isInstanceOf(AgentException.class).hasMessageContaining("--code");
    assertThat(dataDir.resolve("agent.json")).doesNotExist();
  }
}
