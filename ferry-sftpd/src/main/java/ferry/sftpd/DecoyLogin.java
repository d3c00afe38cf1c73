package ferry.sftpd;

import ferry.core.account.LoginUser;
import ferry.core.folder.StorageTarget;
import ferry.core.session.SessionUser;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user no one can log in as, whose password is checked in place of a refused login's (unknown
 * user, no password, login denied) so that the refusal costs what a wrong password costs and its
 * timing does not tell them apart (issue 10).
 */
final class DecoyLogin {
  /**
   * The argon2id hash of a random password no one knows, at the cost {@code PasswordHasher} hashes
   * with (19 MiB, 2 passes, 1 lane); {@code DecoyLoginTest} fails when the two drift apart.
   */
  static final String HASH =
      "$argon2id$v=19$m=19456,t=2,p=1$jaI8+MTI5LlacOUJduYdZQ$d6MEGbj/DwutNPhXP/l9k6sL6FH+COj5XfcOMQpV2gY";

  static final LoginUser USER = new LoginUser(
      new SessionUser("", Map.of("/", Set.of()), List.of(), 0, 0, 0, 0, 0, 0,
          List.of(new SessionUser.Mount("/", null, new StorageTarget("none", Map.of()), 0, 0))),
      HASH, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  private DecoyLogin() {}
}
