package ferry.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.job.Script;
import ferry.core.secret.StoredSecret;
import ferry.pipeline.definition.PipelineNames;
import ferry.store.Store;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets and scripts an owner may name, on a real (in-memory H2) store. Users and VFS entries,
 * which need accounts, are covered through the API in {@code PipelinesApiTest}.
 */
class OwnerNamesTest {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
  private Store store;
  private OwnerNames names;

  @BeforeEach
  void open() {
    store = Store.open("jdbc:h2:mem:" + UUID.randomUUID()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", 2);
    for (String s : new String[] {"alice/partner-pub", "partner-pub", "alicex/key", "bob/key"})
      store.secrets().upsert(new StoredSecret(s, new byte[] {1}, T, T));
    store.scripts().insert(new Script("s1", "check-batch", "", "Exit(0)", T, T));
    names = new OwnerNames(store.folders(), store.users(), store.groups(), store.secrets(), store.scripts());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aCustomerNamesOnlySecretsUnderItsOwnPrefix() {
    PipelineNames alice = names.apply("alice");
    assertThat(alice.secret("alice/partner-pub")).isTrue();
    assertThat(alice.secret("alice/missing")).isFalse();
    assertThat(alice.secret("partner-pub")).isFalse();
    assertThat(alice.secret("bob/key")).isFalse();
    assertThat(alice.secret("alicex/key")).isFalse(); // a prefix of another name is not its own
  }

  @Test
  void theAdminsNameAnySecretThatExists() {
    PipelineNames admins = names.apply(null);
    assertThat(admins.secret("partner-pub")).isTrue();
    assertThat(admins.secret("bob/key")).isTrue();
    assertThat(admins.secret("nope")).isFalse();
  }

  @Test
  void everyoneNamesAnyStoredScriptAndNoUnknownUserOrEntry() {
    for (PipelineNames n : new PipelineNames[] {names.apply(null), names.apply("alice")}) {
      assertThat(n.script("check-batch")).isTrue();
      assertThat(n.script("Check-Batch")).isTrue();
      assertThat(n.script("nope")).isFalse();
      assertThat(n.user("alice")).isFalse(); // no such user in this store
      assertThat(n.vfs("anything")).isFalse();
    }
  }
}
