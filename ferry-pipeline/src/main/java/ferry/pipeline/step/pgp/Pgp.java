package ferry.pipeline.step.pgp;

import ferry.pipeline.definition.StepSpec;
import ferry.pipeline.step.StepRunner;

/** The OpenPGP steps (Bouncy Castle): encrypt, decrypt, sign, verify. */
public final class Pgp {
  private Pgp() {}

  /** pgp-encrypt: recipients, armor, sign_with, passphrase. */
  public static StepRunner encrypt(StepSpec spec) {
    return new PgpEncryptStep(spec);
  }

  /** pgp-decrypt: private_key, passphrase, verify_with. */
  public static StepRunner decrypt(StepSpec spec) {
    return new PgpDecryptStep(spec);
  }

  /** pgp-sign: private_key, passphrase, detached, armor. */
  public static StepRunner sign(StepSpec spec) {
    return new PgpSignStep(spec);
  }

  /** pgp-verify: public_keys. */
  public static StepRunner verify(StepSpec spec) {
    return new PgpVerifyStep(spec);
  }
}
