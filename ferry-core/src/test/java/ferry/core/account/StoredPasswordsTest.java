package ferry.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ferry.core.error.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoredPasswordsTest {
  // "pw" with cheap parameters; the variants below change only the cost fields.
  static final String ARGON2_CHEAP =
      "$argon2id$v=19$m=1024,t=1,p=1$C5enchfPu0IuGfjgJCnfKQ$9yhWksJPNWrec3S8HKJnLv3Wwt4SV7l/BRPSsme8RzY";
  static final String BCRYPT_4 = "$2b$04$L7vJ3GX7Iox1tw5niPTOLubj5X9NfmuEaxtObTaOzBAP2x2Eogrt2";
  static final String BCRYPT_31 = BCRYPT_4.replace("$04$", "$31$");
  static final String ARGON2_2GIB = ARGON2_CHEAP.replace("m=1024,", "m=2097152,");
  static final String ARGON2_100_PASSES = ARGON2_CHEAP.replace("t=1,", "t=100,");
  static final String ARGON2_64_LANES = ARGON2_CHEAP.replace("p=1$", "p=64$");

  final StoredPasswords passwords = new StoredPasswords(new PasswordHasher());

  @Test
  void hashesWithinTheBoundsAreStoredAndChecked() {
    assertThat(passwords.toHash(ARGON2_CHEAP)).isEqualTo(ARGON2_CHEAP);
    assertThat(passwords.toHash(BCRYPT_4)).isEqualTo(BCRYPT_4);
    assertThat(passwords.matches("pw", ARGON2_CHEAP)).isTrue();
    assertThat(passwords.matches("pw", BCRYPT_4)).isTrue();
  }

  @Test
  void hashesCostingMoreThanTheBoundsAreRefusedWhenStored() {
    for (String hash : new String[] {BCRYPT_31, ARGON2_2GIB, ARGON2_100_PASSES, ARGON2_64_LANES})
      assertThatThrownBy(() -> passwords.toHash(hash)).as(hash).isInstanceOf(ValidationException.class)
          .hasMessageContaining("cost");
  }

  @Test
  void hashesStoredBeforeTheBoundsFailWithoutBeingRun() {
    // bcrypt cost 31 takes days and argon2 at 2 GiB throws OutOfMemoryError: a quick false means neither ran.
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      assertThat(passwords.matches("pw", BCRYPT_31)).isFalse();
      assertThat(passwords.matches("pw", ARGON2_2GIB)).isFalse();
      assertThat(passwords.matches("pw", ARGON2_100_PASSES)).isFalse();
    });
  }
}
