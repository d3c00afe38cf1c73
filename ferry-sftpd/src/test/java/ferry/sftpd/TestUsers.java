package ferry.sftpd;

import ferry.core.account.LoginUser;
import ferry.core.account.Permission;
import ferry.core.account.UserDirectory;
import ferry.core.folder.StorageTarget;
import ferry.core.session.SessionUser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Users kept in memory; the password "hash" is the password itself. */
final class TestUsers implements UserDirectory {
  final Map<String, LoginUser> users = new ConcurrentHashMap<>();
  final List<String> loggedIn = new java.util.concurrent.CopyOnWriteArrayList<>();

  static LoginUser user(String name, String password, List<String> keys, List<String> deniedMethods) {
    SessionUser session =
        new SessionUser(
            name,
            Map.of("/", Set.of(Permission.ALL)),
            List.of(),
            0,
            0,
            0,
            0,
            0,
            0,
            List.of(new SessionUser.Mount("/", null, new StorageTarget("memory", Map.of()), 0, 0)));
    return new LoginUser(session, password, keys, List.of(), List.of(), deniedMethods, List.of());
  }

  TestUsers add(LoginUser u) {
    users.put(u.username(), u);
    return this;
  }

  @Override
  public Optional<LoginUser> findLoginUser(String username) {
    return Optional.ofNullable(users.get(username));
  }

  @Override
  public boolean checkPassword(LoginUser user, String password) {
    return user.passwordHash() != null && user.passwordHash().equals(password);
  }

  @Override
  public boolean allowsAddress(LoginUser user, String ip) {
    return !user.deniedIps().contains(ip);
  }

  @Override
  public void loggedIn(String username) {
    loggedIn.add(username);
  }
}
