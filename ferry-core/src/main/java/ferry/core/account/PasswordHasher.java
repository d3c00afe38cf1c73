package ferry.core.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argon2id password hashing (19 MiB, 2 passes, 1 lane: the OWASP baseline). Not final so that tests
 * can count the checks it runs.
 */
public class PasswordHasher {
  private static final Logger log = LoggerFactory.getLogger(PasswordHasher.class);
  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID);

  /**
   * The argon2id hash of a random password no one knows, at the cost {@link #hash} uses: a refused
   * login (unknown account, no password, login denied) is checked against it so that it costs what
   * a wrong password costs and its timing tells nothing (issue 10). {@code PasswordHasherTest} fails
   * when its cost and {@link #hash}'s drift apart.
   */
  public static final String DECOY_HASH =
      "$argon2id$v=19$m=19456,t=2,p=1$jaI8+MTI5LlacOUJduYdZQ$d6MEGbj/DwutNPhXP/l9k6sL6FH+COj5XfcOMQpV2gY";

  /** The encoded argon2id hash of {@code password}, salt included. */
  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
  }

  /**
   * Whether {@code password} matches {@code encodedHash}; false without running it when the hash's
   * cost is outside {@link HashCost}'s bounds.
   */
  public boolean verify(String password, String encodedHash) {
    if (password == null || encodedHash == null) return false;
    Optional<String> tooCostly = HashCost.argon2(encodedHash);
    if (tooCostly.isPresent()) {
      log.warn("password login refused without checking: the stored hash is out of bounds ({})", tooCostly.get());
      return false;
    }
    return Password.check(password, encodedHash).with(Argon2Function.getInstanceFromHash(encodedHash));
  }
}
