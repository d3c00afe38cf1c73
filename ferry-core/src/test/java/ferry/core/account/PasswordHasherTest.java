package ferry.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  @Test
  void theDecoyHashCostsWhatAStoredPasswordCosts() {
    String stored = new PasswordHasher().hash("any password");
    assertThat(cost(PasswordHasher.DECOY_HASH)).isEqualTo(cost(stored));
  }

  /** Algorithm, version and parameters, and the length of the digest; not the salt or the digest. */
  private static String cost(String encoded) {
    String[] f = encoded.split("\\$");
    return String.join("$", Arrays.copyOfRange(f, 1, 4)) + " digest " + f[5].length();
  }
}
