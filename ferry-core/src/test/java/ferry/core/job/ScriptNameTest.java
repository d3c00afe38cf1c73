package ferry.core.job;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.auth.Actor;
import ferry.core.auth.Role;
import ferry.core.error.ValidationException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Script names without control characters (issue 10). */
class ScriptNameTest {
  private final ScriptRepository untouched =
      (ScriptRepository) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ScriptRepository.class},
          (proxy, method, args) -> {
            throw new AssertionError("a refused name reaches the repository: " + method.getName());
          });
  private final ScriptService scripts = new ScriptService(untouched, (name, source) -> Optional.empty(), Clock.systemUTC());
  private final Actor admin = new Actor("admin:admin", "127.0.0.1", Role.ADMIN);

  @Test
  void controlCharactersInAScriptNameAreRefused() {
    for (String name : new String[] {"My Backup\0Job", "backup\n", "\u001b[31mred"}) {
      assertThatThrownBy(() -> scripts.create(admin, name, "Log.Info('x');", null))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("control characters");
    }
  }
}
