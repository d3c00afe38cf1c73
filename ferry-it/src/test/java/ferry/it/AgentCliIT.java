package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ferry} CLI against a real {@code ferry serve}: an admin makes a file-server user
 * a customer and a registration code for it, with which an agent registers over /api once.
 */
class AgentCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static FerryProcess server;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    server = FerryProcess.start(tmp.resolve("ferry-data"));
    api = server.api();
    for (String user : List.of("alice", "bob")) {
      Path home = Files.createDirectories(tmp.resolve(user + "-home"));
      Launch.Result add = ferry("user", "add", "--username", user, "--password", "Agent-cli-Passw0rd",
          "--home-dir", home.toString(), "--permissions", "/=*");
      assertThat(add.exitCode()).as(add.toString()).isZero();
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  void anAgentRegistersOnceWithACodeTheCliMade() throws Exception {
    Launch.Result grant = ferry("customer", "add", "alice");
    assertThat(grant.exitCode()).as(grant.toString()).isZero();
    Launch.Result list = ferry("customer", "list");
    assertThat(list.out().lines().toList()).as(list.toString()).contains("alice").doesNotContain("bob");

    Launch.Result created = ferry("agent-code", "create", "--customer", "alice", "--expires-in", "30m", "--json");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.err()).contains("shown only this once");
    JsonNode code = JSON.readTree(created.out());
    assertThat(code.path("customer").asText()).isEqualTo("alice");
    assertThat(Duration.between(Instant.now(), Instant.parse(code.path("expiresAt").asText())))
        .isBetween(Duration.ofMinutes(28), Duration.ofMinutes(31));

    String body = "{\"name\":\"edge-1\",\"hostname\":\"edge1.example.com\",\"os\":\"linux\",\"version\":\"0.1.0\","
        + "\"registrationCode\":\"" + code.path("code").asText() + "\"}";
    Api.Response registered = api.call("POST", "/api/agents/register", null, body);
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    assertThat(registered.json().path("data").path("agent").path("customer").asText()).isEqualTo("alice");
    String key = registered.json().path("data").path("apiKey").asText();
    assertThat(key).startsWith("mft_ak_");

    Api.Response beat = api.call("POST", "/api/agents/heartbeat", key, "{\"load\":0.5}");
    assertThat(beat.status()).as(beat.toString()).isEqualTo(200);
    Api.Response again = api.call("POST", "/api/agents/register", null, body.replace("edge-1", "edge-2"));
    assertThat(again.status()).as(again.toString()).isEqualTo(401);

    // the CLI's admin key sees the agent on /api
    Api.Response agents = api.call("GET", "/api/agents", server.cliKey(), null);
    assertThat(agents.status()).as(agents.toString()).isEqualTo(200);
    assertThat(agents.json().path("data").findValuesAsText("name")).contains("edge-1");
  }

  @Test
  void refusalsShowTheServersReason() {
    Launch.Result nobody = ferry("customer", "add", "nobody");
    assertThat(nobody.exitCode()).as(nobody.toString()).isNotZero();
    assertThat(nobody.err()).contains("nobody does not exist");

    Launch.Result notCustomer = ferry("agent-code", "create", "--customer", "bob");
    assertThat(notCustomer.exitCode()).as(notCustomer.toString()).isNotZero();
    assertThat(notCustomer.err()).contains("no customer named bob");

    Launch.Result badLifetime = ferry("agent-code", "create", "--customer", "bob", "--expires-in", "soon");
    assertThat(badLifetime.exitCode()).as(badLifetime.toString()).isEqualTo(2);

    assertThat(ferry("customer", "add", "bob").exitCode()).isZero();
    Launch.Result text = ferry("agent-code", "create", "--customer", "bob");
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out()).contains("code:    mft_rc_", "expires: ");
    Launch.Result removed = ferry("customer", "remove", "bob");
    assertThat(removed.exitCode()).as(removed.toString()).isZero();
    assertThat(ferry("customer", "list").out()).doesNotContain("bob");
  }

  static Launch.Result ferry(String... args) {
    return Launch.run(List.of(args), new HashMap<>(), tmp, null);
  }
}
