package ferry.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.AuthenticationException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdminServiceTest {
  final Map<String, Admin> admins = new ConcurrentHashMap<>();
  final AtomicInteger verifications = new AtomicInteger();
  final PasswordHasher countingHasher = new PasswordHasher() {
    @Override
    public boolean verify(String password, String encodedHash) {
      verifications.incrementAndGet();
      return super.verify(password, encodedHash);
    }
  };
  final AdminService service = new AdminService(new AdminRepository() {
    @Override
    public Optional<Admin> find(String username) {
      return Optional.ofNullable(admins.get(username));
    }

    @Override
    public boolean insertIfAbsent(Admin admin) {
      return admins.putIfAbsent(admin.username(), admin) == null;
    }

    @Override
    public long count() {
      return admins.size();
    }
  }, countingHasher, Clock.systemUTC());

  @Test
  void anUnknownAdminCostsOnePasswordCheckLikeAWrongPassword() {
    service.ensureFirstAdmin(Optional.of("right-password"));

    assertThatThrownBy(() -> service.authenticate("admin", "wrong", "192.0.2.1"))
        .isInstanceOf(AuthenticationException.class).hasMessage("wrong admin username or password");
    assertThat(verifications.getAndSet(0)).isEqualTo(1);

    assertThatThrownBy(() -> service.authenticate("nobody", "wrong", "192.0.2.1"))
        .isInstanceOf(AuthenticationException.class).hasMessage("wrong admin username or password");
    assertThat(verifications.get()).as("password checks run for an unknown admin").isEqualTo(1);
  }
}
