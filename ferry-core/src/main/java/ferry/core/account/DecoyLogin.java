package ferry.core.account;

import ferry.core.folder.StorageTarget;
import ferry.core.session.SessionUser;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user no one can log in as, holding {@link PasswordHasher#DECOY_HASH}: its password is checked in
 * place of a refused login's (unknown user, no password, login denied), so that the refusal costs
 * what a wrong password costs (issue 10).
 */
final class DecoyLogin {
  static final LoginUser USER = new LoginUser(
      new SessionUser("", Map.of("/", Set.of()), List.of(), 0, 0, 0, 0, 0, 0,
          List.of(new SessionUser.Mount("/", null, new StorageTarget("none", Map.of()), 0, 0))),
      PasswordHasher.DECOY_HASH, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  private DecoyLogin() {}
}
