package ferry.vfs.s3;

import java.util.Locale;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;

/**
 * When the S3 client adds CRC checksums to requests and checks them on responses (the folder
 * setting {@code s3config.checksum_mode}), and with them whether upload bodies use the {@code
 * aws-chunked} framing.
 *
 * <p>The SDK sends request checksums as a trailer of an {@code aws-chunked} body, and over plain
 * HTTP it frames signed chunks even without checksums. S3-compatible stores that do not decode
 * that framing (s3rver, older MinIO and Ceph RGW releases) store the framing as the object's
 * bytes. So by default uploads carry no checksum and no framing; every upload is verified by its
 * stored size and ETag afterwards in either mode (issue 10).
 */
public enum S3ChecksumMode {
  /** Checksums only where the operation requires one, plain bodies: every store understands. */
  WHEN_REQUIRED(
      RequestChecksumCalculation.WHEN_REQUIRED, ResponseChecksumValidation.WHEN_REQUIRED, false),
  /** CRC32 on every upload and part in aws-chunked trailers: AWS S3 and stores that decode it. */
  WHEN_SUPPORTED(
      RequestChecksumCalculation.WHEN_SUPPORTED, ResponseChecksumValidation.WHEN_SUPPORTED, true);

  private final RequestChecksumCalculation request;
  private final ResponseChecksumValidation response;
  private final boolean chunkedEncoding;

  S3ChecksumMode(
      RequestChecksumCalculation request,
      ResponseChecksumValidation response,
      boolean chunkedEncoding) {
    this.request = request;
    this.response = response;
    this.chunkedEncoding = chunkedEncoding;
  }

  RequestChecksumCalculation request() {
    return request;
  }

  ResponseChecksumValidation response() {
    return response;
  }

  boolean chunkedEncoding() {
    return chunkedEncoding;
  }

  /** The setting's spelling: {@code when_required}, {@code when_supported}. */
  public String setting() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@link #setting()}, case-insensitively.
   *
   * @throws IllegalArgumentException naming {@code s3.checksum_mode} for anything else
   */
  public static S3ChecksumMode parse(String value) {
    for (S3ChecksumMode m : values()) {
      if (m.setting().equalsIgnoreCase(value.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "s3.checksum_mode: must be when_required or when_supported, not " + value);
  }
}
