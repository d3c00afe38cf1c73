package ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.ValidationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Key names without control characters, expiry dates within bounds (issue 10). */
class ApiKeyInputTest {
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private final ApiKeyServiceTest.MemoryKeys repo = new ApiKeyServiceTest.MemoryKeys();
  private final ApiKeyService service = new ApiKeyService(repo, new ApiKeyServiceTest.MutableClock(NOW));
  private final Actor admin = new Actor("admin:admin", "127.0.0.1", Role.ADMIN);

  @Test
  void controlCharactersInAKeyNameAreRefused() {
    for (String name : new String[] {"ci\0", "\nci", "c\u0085i"}) {
      assertThatThrownBy(() -> service.create(admin, new NewApiKey(name, null, null, null, null)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("control characters");
    }
    assertThat(repo.list()).isEmpty();
  }

  @Test
  void anExpiryBeyondYear9999IsRefused() {
    Instant far = Instant.parse("+1000000000-01-01T00:00:00Z");
    assertThatThrownBy(() -> service.create(admin, new NewApiKey("ci", null, null, far, null)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("expiresAt must lie between");
    CreatedApiKey k = service.create(admin, new NewApiKey("ci", null, null, null, null));
    assertThatThrownBy(() -> service.update(admin, k.key().id(), new ApiKeyUpdate(far, null, null)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("expiresAt must lie between");
    service.update(admin, k.key().id(), new ApiKeyUpdate(NOW.plusSeconds(3600), null, null));
  }
}
