package ferry.pipeline.step.pgp;

import ferry.pipeline.definition.StepSpec;
import ferry.pipeline.step.StepRunner;

/** The OpenPGP steps (Bouncy Castle): encrypt, decrypt, sign, verify. */
public final class Pgp {
  private Pgp() {}

  public static StepRunner encrypt(StepSpec spec) {
    throw new UnsupportedOperationException("pgp-encrypt");
  }

  public static StepRunner decrypt(StepSpec spec) {
    throw new UnsupportedOperationException("pgp-decrypt");
  }

  public static StepRunner sign(StepSpec spec) {
    throw new UnsupportedOperationException("pgp-sign");
  }

  public static StepRunner verify(StepSpec spec) {
    throw new UnsupportedOperationException("pgp-verify");
  }
}
