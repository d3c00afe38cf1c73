package ferry.core.agent.certificate;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A client certificate just issued.
 *
 * @param pem the certificate, PEM
 * @param fingerprint SHA-256 of its DER encoding, lowercase hex (see {@link Fingerprints})
 * @param serial its serial number, lowercase hex
 */
public record SignedCertificate(String pem, String fingerprint, String serial, Instant notAfter) {
  public SignedCertificate {
    requireNonNull(pem, "No PEM");
    requireNonNull(fingerprint, "No fingerprint");
    requireNonNull(serial, "No serial");
    requireNonNull(notAfter, "No notAfter");
  }
}
