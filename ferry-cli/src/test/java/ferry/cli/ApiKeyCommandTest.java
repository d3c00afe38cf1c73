package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class ApiKeyCommandTest extends AdminTestSupport {
  static final String CREATED =
      """
      {"id": "3kTQ0m9qZ2c1Yb7PxRj5sA", "name": "ci", "scope": "jobs", "owner": "cli",
       "allowedIps": ["10.0.0.0/8", "192.168.1.10/32"], "expiresAt": null, "description": "pipeline",
       "createdAt": "2026-11-28T10:00:00Z", "lastUsedAt": null, "revokedAt": null,
       "key": "3kTQ0m9qZ2c1Yb7PxRj5sA.s3cr3tS3cr3tS3cr3tS3cr3t"}
      """;

  @Test
  void createSendsTheFieldsAndPrintsTheKeyOnceWithItsId() {
    server.on("POST", "/v1/adm/apikeys", 201, CREATED);

    Cli.Result result =
        ferry(
            "apikey",
            "create",
            "--name",
            "ci",
            "--allow-ip",
            "10.0.0.0/8",
            "--allow-ip",
            "192.168.1.10/32",
            "--expires",
            "2027-01-01T00:00:00Z",
            "--description",
            "pipeline");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode body = server.only("POST", "/v1/adm/apikeys").json();
    assertThat(body.path("name").asText()).isEqualTo("ci");
    assertThat(body.path("scope").asText()).isEqualTo("jobs");
    assertThat(body.path("allowedIps").toString())
        .isEqualTo("[\"10.0.0.0/8\",\"192.168.1.10/32\"]");
    assertThat(body.path("expiresAt").asText()).isEqualTo("2027-01-01T00:00:00Z");
    assertThat(body.path("description").asText()).isEqualTo("pipeline");
    assertThat(result.out())
        .contains("id:  3kTQ0m9qZ2c1Yb7PxRj5sA")
        .contains("key: 3kTQ0m9qZ2c1Yb7PxRj5sA.s3cr3tS3cr3tS3cr3tS3cr3t");
    assertThat(result.out().split("s3cr3tS3cr3t", -1)).hasSize(2);
    assertThat(result.err()).contains("shown only this once");
  }

  @Test
  void createLeavesAllowListToTheServerAndTakesADurationAndCommaSeparatedIps() {
    server.on("POST", "/v1/adm/apikeys", 201, CREATED);

    ferry("apikey", "create", "--name", "a", "--scope", "admin", "--expires", "30d");
    ferry("apikey", "create", "--name", "b", "--allow-ip", "10.0.0.0/8,::1/128");

    var posts = server.requests().stream().filter(r -> r.method().equals("POST")).toList();
    JsonNode first = posts.get(0).json();
    assertThat(first.has("allowedIps")).isFalse();
    assertThat(first.path("scope").asText()).isEqualTo("admin");
    assertThat(Instant.parse(first.path("expiresAt").asText()))
        .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
    assertThat(posts.get(1).json().path("expiresAt").isNull()).isTrue();
    assertThat(posts.get(1).json().path("allowedIps").toString())
        .isEqualTo("[\"10.0.0.0/8\",\"::1/128\"]");
  }

  @Test
  void createWithJsonPrintsTheRecordWithTheKey() throws Exception {
    server.on("POST", "/v1/adm/apikeys", 201, CREATED);

    Cli.Result result = ferry("apikey", "create", "--name", "ci", "--json");

    assertThat(FerryClient.JSON.readTree(result.out()).path("key").asText())
        .startsWith("3kTQ0m9qZ2c1Yb7PxRj5sA.");
  }

  @Test
  void unknownScopeOrPastExpiryIsAUsageError() {
    Cli.Result scope = ferry("apikey", "create", "--name", "ci", "--scope", "root");
    Cli.Result past = ferry("apikey", "create", "--name", "ci", "--expires", "2020-01-01");

    assertThat(scope.exitCode()).isEqualTo(2);
    assertThat(scope.err()).contains("--scope").contains("jobs or admin");
    assertThat(past.exitCode()).isEqualTo(2);
    assertThat(past.err()).contains("not in the future");
    assertThat(server.requests().stream().filter(r -> r.method().equals("POST"))).isEmpty();
  }

  @Test
  void listPrintsATableWithStatusAndNoSecrets() {
    server.on(
        "GET",
        "/v1/adm/apikeys",
        200,
        """
        {"items": [
          {"id": "k1", "name": "ci", "scope": "jobs", "allowedIps": ["127.0.0.1/32", "::1/128"],
           "expiresAt": null, "lastUsedAt": "2026-11-28T10:00:00Z", "revokedAt": null},
          {"id": "k2", "name": "old", "scope": "admin", "allowedIps": [],
           "expiresAt": "2020-01-01T00:00:00Z", "lastUsedAt": null, "revokedAt": null},
          {"id": "k3", "name": "gone", "scope": "jobs", "allowedIps": ["10.0.0.0/8"],
           "expiresAt": null, "lastUsedAt": null, "revokedAt": "2026-11-01T00:00:00Z"}]}
        """);

    Cli.Result result = ferry("apikey", "list");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String row = "%-4s%-6s%-7s%-9s%-22s%-22s%s";
    assertThat(result.out().lines().toList())
        .containsExactly(
            row.formatted("ID", "NAME", "SCOPE", "STATUS", "ALLOWED IPS", "EXPIRES", "LAST USED"),
            row.formatted(
                "k1", "ci", "jobs", "active", "127.0.0.1/32,::1/128", "-", "2026-11-28T10:00:00Z"),
            row.formatted("k2", "old", "admin", "expired", "-", "2020-01-01T00:00:00Z", "-"),
            row.formatted("k3", "gone", "jobs", "revoked", "10.0.0.0/8", "-", "-"));
  }

  @Test
  void listWithJsonPrintsTheServersAnswer() throws Exception {
    server.on("GET", "/v1/adm/apikeys", 200, "{\"items\":[{\"id\":\"k1\"}]}");

    Cli.Result result = ferry("apikey", "list", "--json");

    assertThat(FerryClient.JSON.readTree(result.out()).toString())
        .isEqualTo("{\"items\":[{\"id\":\"k1\"}]}");
  }

  @Test
  void revokeDeletesTheKeyByIdEvenWhenGivenTheWholeKey() {
    server.on("DELETE", "/v1/adm/apikeys/k1", 204, null);

    Cli.Result byId = ferry("apikey", "revoke", "k1");
    Cli.Result byKey = ferry("apikey", "revoke", "k1.theSecretPart");

    assertThat(byId.exitCode()).isZero();
    assertThat(byKey.exitCode()).isZero();
    assertThat(byId.out()).contains("revoked API key k1");
    assertThat(byKey.out()).doesNotContain("theSecretPart");
    assertThat(server.requests().stream().filter(r -> r.method().equals("DELETE"))).hasSize(2);
  }
}
