package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.it.support.FerryProcess;
import ferry.store.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /api/v2 authentication across two nodes of one PostgreSQL database, driven by curl and jq as seed
 * 004 writes them (issue 12): a token from one node works on the other, a logout on either ends it
 * on both, and an API key made on one works, and stops working, on both.
 */
class ApiV2AuthClusterIT {
  @TempDir Path tmp;

  @Test
  void tokensLogoutsAndApiKeysHoldAcrossNodes() throws Exception {
    String db = TestDatabases.newPostgres();
    Map<String, String> env = Map.of("FERRY_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    try (FerryProcess a = FerryProcess.start(tmp.resolve("node-a"), List.of("--db-url", db), env);
         FerryProcess b = FerryProcess.start(tmp.resolve("node-b"), List.of("--db-url", db), env)) {
      Path home = Files.createDirectories(tmp.resolve("alice"));
      a.api().expect(201, "POST", "/v1/adm/users", a.cliKey(), "{\"username\":\"alice\",\"password\":\"alice-Pw-1\","
          + "\"home_dir\":\"" + home + "\",\"permissions\":{\"/\":[\"*\"]},\"filters\":{\"allow_api_key_auth\":true}}");
      Map<String, String> vars = new HashMap<>(Map.of("ENDPOINT", a.url(), "OTHER", b.url(), "ADMIN_USER", "admin",
          "ADMIN_PASSWORD", FerryProcess.ADMIN_PASSWORD, "USERNAME", "alice", "PASSWORD", "alice-Pw-1"));
      vars.put("CURL_CA_BUNDLE", a.certificate().toString());
      vars.put("CURL_CA_BUNDLE_B", b.certificate().toString());

      // seed 004's admin and user token lines, as written; then each token on the other node, a logout there
      List<String> out = sh(vars, """
          TOKEN=$(curl --anyauth -s -u "${ADMIN_USER}:${ADMIN_PASSWORD}" \\
          "${ENDPOINT}/api/v2/token" | jq -r .access_token)
          UTOKEN=$(curl --anyauth -s -u "${USERNAME}:${PASSWORD}" \\
          "${ENDPOINT}/api/v2/user/token" | jq -r .access_token)
          export CURL_CA_BUNDLE="$CURL_CA_BUNDLE_B"
          code() { curl -s -o /dev/null -w '%{http_code}\\n' "$@"; }
          code -H "Authorization: Bearer ${TOKEN}" "${OTHER}/api/v2/version"
          code -H "Authorization: Bearer ${TOKEN}" "${OTHER}/api/v2/logout"
          code -H "Authorization: Bearer ${UTOKEN}" "${OTHER}/api/v2/user/logout"
          unset CURL_CA_BUNDLE_B
          """);
      assertThat(out).containsExactly("200", "200", "200");
      // the same tokens on the first node, after their logout on the second
      List<String> after = sh(vars, """
          TOKEN=$(curl --anyauth -s -u "${ADMIN_USER}:${ADMIN_PASSWORD}" "${ENDPOINT}/api/v2/token" | jq -r .access_token)
          curl -s -o /dev/null -w '%{http_code}\\n' -H "Authorization: Bearer ${TOKEN}" "${ENDPOINT}/api/v2/version"
          curl -s -H "Authorization: Bearer ${TOKEN}" "${ENDPOINT}/api/v2/logout" >/dev/null
          curl -s -o /dev/null -w '%{http_code}\\n' -H "Authorization: Bearer ${TOKEN}" "${ENDPOINT}/api/v2/version"
          """);
      assertThat(after).containsExactly("200", "401");

      // an API key made on the first node, used on the second with seed 004's .username suffix
      List<String> keys = sh(vars, """
          TOKEN=$(curl --anyauth -s -u "${ADMIN_USER}:${ADMIN_PASSWORD}" "${ENDPOINT}/api/v2/token" | jq -r .access_token)
          RESP=$(curl -s -D /dev/stderr -H "Authorization: Bearer ${TOKEN}" -H "Content-Type: application/json" \\
            -d '{"name":"ci","scope":2}' "${ENDPOINT}/api/v2/apikeys")
          KEY=$(echo "$RESP" | jq -r .key)
          ID=${KEY%%.*}
          echo "$KEY"
          export CURL_CA_BUNDLE="$CURL_CA_BUNDLE_B"
          curl -s -o /dev/null -w '%{http_code}\\n' -H "X-SFTPGO-API-KEY: ${KEY}.alice" "${OTHER}/api/v2/user/logout"
          BTOKEN=$(curl --anyauth -s -u "${ADMIN_USER}:${ADMIN_PASSWORD}" "${OTHER}/api/v2/token" | jq -r .access_token)
          curl -s -o /dev/null -w '%{http_code}\\n' -X DELETE -H "Authorization: Bearer ${BTOKEN}" "${OTHER}/api/v2/apikeys/${ID}"
          unset CURL_CA_BUNDLE_B
          """);
      // 400: authenticated as alice, with no token to end; then the key is deleted on the second node
      assertThat(keys.subList(1, keys.size())).containsExactly("400", "200");
      vars.put("KEY", keys.get(0));
      List<String> gone = sh(vars, """
          curl -s -o /dev/null -w '%{http_code}\\n' -H "X-SFTPGO-API-KEY: ${KEY}.alice" "${ENDPOINT}/api/v2/user/logout"
          """);
      assertThat(gone).containsExactly("401");
      assertThat(a.stop()).isZero();
      assertThat(b.stop()).isZero();
    } finally {
      TestDatabases.dropPostgres(db);
    }
  }

  /** Runs {@code script} with bash and {@code vars} in its environment; its output lines. */
  private static List<String> sh(Map<String, String> vars, String script) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script);
    pb.environment().putAll(vars);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }
}
