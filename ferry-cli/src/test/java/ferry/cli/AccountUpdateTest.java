package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 8: {@code user update} (and {@code group update}) names the account as {@code add} does. */
class AccountUpdateTest extends AdminTestSupport {
  static final String ALICE = "{\"username\": \"alice\", \"status\": 1, \"home_dir\": \"/srv/alice\", \"quota_size\": 0}";
  static final String STAFF = "{\"name\": \"staff\", \"description\": \"\", \"user_settings\": {}}";

  @TempDir Path files;

  @BeforeEach
  void accounts() {
    server.on("GET", "/v1/adm/users/alice", 200, ALICE).on("PUT", "/v1/adm/users/alice", r -> new FakeFerry.Reply(200, r.body()));
    server.on("GET", "/v1/adm/groups/staff", 200, STAFF).on("PUT", "/v1/adm/groups/staff", r -> new FakeFerry.Reply(200, r.body()));
  }

  @Test
  void userUpdateTakesTheUserFromUsername() {
    Cli.Result r = ferry("user", "update", "--username", "alice", "--quota-size", "1024");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().strip()).isEqualTo("updated user alice");
    var sent = server.only("PUT", "/v1/adm/users/alice").json();
    assertThat(sent.path("username").asText()).isEqualTo("alice");
    assertThat(sent.path("quota_size").asLong()).isEqualTo(1024);
    assertThat(sent.path("home_dir").asText()).isEqualTo("/srv/alice");
  }

  @Test
  void userUpdateTakesTheUserFromTheJsonFileAsAddDoes() throws Exception {
    Path file = Files.writeString(files.resolve("alice.json"), "{\"username\": \"alice\", \"status\": 0}");

    Cli.Result r = ferry("user", "update", "--json", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(server.only("PUT", "/v1/adm/users/alice").json().path("status").asInt()).isZero();
  }

  @Test
  void theSameUserTwiceIsFineButTwoUsersAreAUsageError() {
    assertThat(ferry("user", "update", "alice", "--username", "alice", "--status", "0").exitCode()).isZero();

    Cli.Result r = ferry("user", "update", "alice", "--username", "bob");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("a user cannot be renamed").contains("'alice'").contains("'bob'");
    assertThat(server.requests()).filteredOn(q -> q.method().equals("PUT")).hasSize(1);
  }

  @Test
  void noUserAtAllIsAUsageError() {
    Cli.Result r = ferry("user", "update", "--quota-size", "1");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("give the user to change as USERNAME or with --username");
  }

  @Test
  void groupUpdateTakesTheGroupFromName() {
    Cli.Result r = ferry("group", "update", "--name", "staff", "--quota-files", "10");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().strip()).isEqualTo("updated group staff");
    assertThat(server.only("PUT", "/v1/adm/groups/staff").json().path("user_settings").path("quota_files").asLong())
        .isEqualTo(10);
  }
}
