package ferry.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.PasswordHasher;
import ferry.core.auth.Actor;
import ferry.core.error.AuthenticationException;
import ferry.core.error.ConflictException;
import ferry.core.error.ValidationException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdminServiceTest {
  final MemoryAdmins repo = new MemoryAdmins();
  final AtomicInteger verifications = new AtomicInteger();
  final PasswordHasher countingHasher = new PasswordHasher() {
    @Override
    public boolean verify(String password, String encodedHash) {
      verifications.incrementAndGet();
      return super.verify(password, encodedHash);
    }
  };
  final AdminService service = new AdminService(repo, countingHasher, Clock.systemUTC());
  final Actor root = AdminService.actorOf("admin", "192.0.2.1");

  static AdminInput input(String name, String password, Integer status, List<String> perms, List<String> allow,
      Boolean keys) {
    return new AdminInput(name, status, "ops@example.com", "an operator", password, perms, allow, keys, "info");
  }

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

  @Test
  void theFirstAdminIsAnEnabledSuperAdmin() {
    service.ensureFirstAdmin(Optional.of("right-password"));
    assertThat(service.permissionsOf("admin")).containsExactly(AdminPermission.ALL);
    assertThat(service.get(root, "admin").enabled()).isTrue();
    assertThat(service.allowsApiKeys("admin")).isFalse();
  }

  @Test
  void createdAdminHasItsPermissionsAndNoHashInAnswers() {
    service.ensureFirstAdmin(Optional.of("right-password"));
    Admin a = service.create(root, input("viewer", "viewer-pw", 1, List.of("view_users", "add_users"),
        List.of("192.0.2.0/24"), true));

    assertThat(a.passwordHash()).doesNotContain("argon2");
    assertThat(a.id()).isPositive();
    assertThat(service.permissionsOf("viewer")).containsExactlyInAnyOrder(AdminPermission.VIEW_USERS,
        AdminPermission.ADD_USERS);
    assertThat(service.allowsApiKeys("viewer")).isTrue();
    assertThat(service.authenticate("viewer", "viewer-pw", "192.0.2.7").who()).isEqualTo("admin:viewer");
    assertThat(repo.find("viewer").orElseThrow().lastLogin()).isNotNull();
    assertThatThrownBy(() -> service.authenticate("viewer", "viewer-pw", "198.51.100.1"))
        .as("outside its allow_list").isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> service.create(root, input("viewer", "x", 1, List.of("*"), List.of(), false)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void disabledAdminCannotLogInAndHasNoPermissions() {
    service.ensureFirstAdmin(Optional.of("right-password"));
    service.create(root, input("off", "off-pw", 0, List.of("*"), List.of(), true));

    assertThatThrownBy(() -> service.authenticate("off", "off-pw", "192.0.2.1"))
        .isInstanceOf(AuthenticationException.class).hasMessage("wrong admin username or password");
    assertThat(service.permissionsOf("off")).isEmpty();
    assertThat(service.allowsApiKeys("off")).isFalse();
    assertThat(service.permissionsOf("nobody")).isEmpty();
    Actor off = AdminService.actorOf("off", "192.0.2.1");
    assertThatThrownBy(() -> service.profile(off)).isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> service.changePassword(off, "off-pw", "other-pw"))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    assertThatThrownBy(() -> service.create(root, input("x", "pw", 1, List.of("fly"), List.of(), false)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("unknown permission 'fly'");
    assertThatThrownBy(() -> service.create(root, input("x", "pw", 1, List.of(), List.of(), false)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("permissions");
    assertThatThrownBy(() -> service.create(root, input("x", "", 1, List.of("*"), List.of(), false)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("password");
    assertThatThrownBy(() -> service.create(root, input("x", "pw", 2, List.of("*"), List.of(), false)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("status");
    assertThatThrownBy(() -> service.create(root, input("x", "pw", 1, List.of("*"), List.of("nonsense"), false)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("filters.allow_list");
    assertThatThrownBy(() -> service.create(root, input("../x", "pw", 1, List.of("*"), List.of(), false)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("username");
  }

  @Test
  void theLastSuperAdminCannotBeDeletedDemotedOrDisabled() {
    service.ensureFirstAdmin(Optional.of("right-password"));
    Actor other = AdminService.actorOf("other", "192.0.2.1");
    service.create(root, input("other", "other-pw", 1, List.of("view_users"), List.of(), false));

    assertThatThrownBy(() -> service.delete(root, "admin")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("yourself");
    assertThatThrownBy(() -> service.update(root, "admin", input(null, null, 1, List.of("view_users"), null, false)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("yourself");
    assertThatThrownBy(() -> service.update(root, "admin", input(null, null, 0, List.of("*"), null, false)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("disable yourself");
    assertThatThrownBy(() -> service.delete(other, "admin")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("last enabled admin");
    assertThatThrownBy(() -> service.delete(Actor.system(), "admin")).isInstanceOf(ConflictException.class);

    service.update(root, "other", input(null, null, 1, List.of("*"), null, false));
    service.delete(other, "admin");
    assertThat(service.list(other, 0, 10, false)).extracting(Admin::username).containsExactly("other");
  }

  @Test
  void updateKeepsThePasswordWhenNoneIsSentAndListsPageAndOrder() {
    service.ensureFirstAdmin(Optional.of("right-password"));
    service.create(root, input("b", "b-pw", 1, List.of("view_users"), List.of(), false));
    service.create(root, input("c", "c-pw", 1, List.of("view_users"), List.of(), false));
    Admin b = service.update(root, "b", input("b", null, 1, List.of("manage_groups"), List.of(), false));

    assertThat(b.permissions()).containsExactly(AdminPermission.MANAGE_GROUPS);
    assertThat(service.hasPassword("b", "b-pw")).isTrue();
    assertThat(service.list(root, 0, 10, true)).extracting(Admin::username).containsExactly("c", "b", "admin");
    assertThat(service.list(root, 1, 1, false)).extracting(Admin::username).containsExactly("b");
    assertThatThrownBy(() -> service.update(root, "b", input("z", null, 1, List.of("*"), null, false)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("renamed");
  }

  @Test
  void profileAndPasswordChangeApplyToTheCaller() {
    service.ensureFirstAdmin(Optional.of("right-password"));
    Admin p = service.updateProfile(root, "me@example.com", "the boss", true);
    assertThat(p.email()).isEqualTo("me@example.com");
    assertThat(p.permissions()).isEqualTo(Set.of(AdminPermission.ALL));
    assertThat(service.allowsApiKeys("admin")).isTrue();

    assertThatThrownBy(() -> service.changePassword(root, "wrong", "new-pw"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("current_password");
    service.changePassword(root, "right-password", "new-pw");
    assertThat(service.hasPassword("admin", "new-pw")).isTrue();
  }
}
