package ferry.core.account;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.Password;
import ferry.core.error.ValidationException;

/** Turns what an admin sends as a password into the stored hash, and checks logins against it. */
final class StoredPasswords {
  private static final String ARGON2ID = "$argon2id$";
  private static final String[] BCRYPT = {"$2a$", "$2b$", "$2y$"};
  private static final String[] OTHER_HASHES = {"$argon2i$", "$argon2d$", "$pbkdf2", "$1$", "$5$", "$6$"};

  private final PasswordHasher hasher;

  StoredPasswords(PasswordHasher hasher) {
    this.hasher = hasher;
  }

  /** The hash to store: a known argon2id or bcrypt hash as is, anything else hashed with argon2id. */
  String toHash(String password) {
    if (password.startsWith(ARGON2ID)) {
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
      return password;
    }
    for (String p : OTHER_HASHES) {
      if (password.startsWith(p))
        throw new ValidationException("password is a hash Ferry cannot verify (" + p + "...); send the plain"
            + " password, an argon2id hash or a bcrypt hash");
    }
    return hasher.hash(password);
  }

  boolean matches(String password, String hash) {
    if (password == null || hash == null || hash.isEmpty()) return false;
    try {
      if (isBcrypt(hash)) return Password.check(password, hash).with(BcryptFunction.getInstanceFromHash(hash));
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
