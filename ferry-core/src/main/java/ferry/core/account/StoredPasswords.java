package ferry.core.account;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.Password;
import ferry.core.error.ValidationException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what an admin sends as a password into the stored hash, and checks logins against it. */
final class StoredPasswords {
  private static final String ARGON2ID = "$argon2id$";
  private static final String[] BCRYPT = {"$2a$", "$2b$", "$2y$"};
  private static final String[] OTHER_HASHES = {"$argon2i$", "$argon2d$", "$pbkdf2", "$1$", "$5$", "$6$"};

  private static final Logger log = LoggerFactory.getLogger(StoredPasswords.class);
  private final PasswordHasher hasher;

  StoredPasswords(PasswordHasher hasher) {
    this.hasher = hasher;
  }

  /** The hash to store: a known argon2id or bcrypt hash as is, anything else hashed with argon2id. */
  String toHash(String password) {
    if (password.startsWith(ARGON2ID)) {
      HashCost.argon2(password).ifPresent(why -> {
        throw new ValidationException("password is an argon2id hash Ferry will not store: " + why
            + " (cost bounds: m <= 256 MiB, t <= 10, p <= 8)");
      });
      try {
        Argon2Function.getInstanceFromHash(password);
      } catch (RuntimeException e) {
        throw new ValidationException("password looks like an argon2id hash but cannot be read");
      }
      return password;
    }
    if (isBcrypt(password)) {
      if (password.length() != 60)
        throw new ValidationException("password looks like a bcrypt hash but is not 60 characters long");
      HashCost.bcrypt(password).ifPresent(why -> {
        throw new ValidationException("password is a bcrypt hash Ferry will not store: " + why
            + " (cost bounds: 4..14)");
      });
      return password;
    }
    for (String p : OTHER_HASHES) {
      if (password.startsWith(p))
        throw new ValidationException("password is a hash Ferry cannot verify (" + p + "...); send the plain"
            + " password, an argon2id hash or a bcrypt hash");
    }
    return hasher.hash(password);
  }

  /**
   * Whether {@code password} matches {@code hash}. A hash stored before the cost bounds and above
   * them is not run: the login fails and the reason is logged.
   */
  boolean matches(String password, String hash) {
    if (password == null || hash == null || hash.isEmpty()) return false;
    try {
      if (isBcrypt(hash)) {
        Optional<String> tooCostly = HashCost.bcrypt(hash);
        if (tooCostly.isPresent()) {
          log.warn("password login refused without checking: the stored hash is out of bounds ({})", tooCostly.get());
          return false;
        }
        return Password.check(password, hash).with(BcryptFunction.getInstanceFromHash(hash));
      }
      return hasher.verify(password, hash);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean isBcrypt(String s) {
    for (String p : BCRYPT) if (s.startsWith(p)) return true;
    return false;
  }
}
