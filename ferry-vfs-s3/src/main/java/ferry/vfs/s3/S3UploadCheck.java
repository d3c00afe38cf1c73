package ferry.vfs.s3;

import ferry.vfs.VPath;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Checks that what a store kept is what was sent. A store that misreads a request body (one that
 * does not decode {@code aws-chunked}, say) still answers 200 and keeps the wrong bytes, so the
 * answer proves nothing (issue 10): after each upload or copy the object's size, and its ETag
 * where that is the MD5 of the bytes, are compared with what was sent, and a mismatch removes the
 * object and fails.
 */
final class S3UploadCheck {
  private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");

  private S3UploadCheck() {}

  /** Lowercase hex MD5 of {@code length} bytes of {@code data}. */
  static String md5(byte[] data, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(data, 0, length);
      return HexFormat.of().formatHex(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has MD5", e);
    }
  }

  /**
   * The MD5 an ETag states, or empty when it states none: S3 documents the ETag of a single-part
   * object as its MD5 unless it is encrypted with KMS or a customer key; multipart ETags end in
   * {@code -N}.
   */
  static Optional<String> md5Of(String etag, ServerSideEncryption sse, String customerAlgorithm) {
    if (etag == null
        || customerAlgorithm != null
        || (sse != null && sse != ServerSideEncryption.AES256)) {
      return Optional.empty();
    }
    String hex = etag.replace("\"", "").strip().toLowerCase(Locale.ROOT);
    return MD5_HEX.matcher(hex).matches() ? Optional.of(hex) : Optional.empty();
  }

  /**
   * Checks a part's ETag against the MD5 of the part sent.
   *
   * @throws IOException naming the part when the store states another MD5
   */
  static void checkPart(
      S3Vfs vfs,
      VPath path,
      int number,
      String md5,
      String etag,
      ServerSideEncryption sse,
      String sseC)
      throws IOException {
    Optional<String> stated = md5Of(etag, sse, sseC);
    if (stated.isPresent() && !stated.get().equals(md5)) {
      throw new IOException(
          vfs.where(path)
              + ": the store kept other bytes for part "
              + number
              + " than were sent (ETag "
              + stated.get()
              + ", MD5 sent "
              + md5
              + ")"
              + hint(vfs));
    }
  }

  /**
   * Checks the stored object at {@code path} with one HEAD; on a mismatch removes it and throws.
   *
   * @param size the bytes sent
   * @param md5 the MD5 of the bytes sent, or {@code ""} when unknown (multipart, copies)
   * @throws IOException naming both sizes (or digests) when the store kept something else, or if
   *     the HEAD fails
   */
  static void checkStored(S3Vfs vfs, VPath path, long size, String md5) throws IOException {
    String where = vfs.where(path);
    HeadObjectResponse head =
        S3Errors.call(
            where, () -> vfs.client().headObject(b -> b.bucket(vfs.bucket()).key(vfs.key(path))));
    String problem = "";
    if (head.contentLength() == null || head.contentLength() != size) {
      problem = "the store kept " + head.contentLength() + " bytes of the " + size + " sent";
    } else if (!md5.isEmpty()) {
      Optional<String> stated =
          md5Of(head.eTag(), head.serverSideEncryption(), head.sseCustomerAlgorithm());
      if (stated.isPresent() && !stated.get().equals(md5)) {
        problem =
            "the store kept other bytes than were sent (ETag "
                + stated.get()
                + ", MD5 sent "
                + md5
                + ")";
      }
    }
    if (!problem.isEmpty()) {
      IOException failure = new IOException(where + ": " + problem + "; removed it" + hint(vfs));
      try {
        vfs.client().deleteObject(b -> b.bucket(vfs.bucket()).key(vfs.key(path)));
      } catch (SdkException e) {
        failure.addSuppressed(e);
      }
      throw failure;
    }
  }

  private static String hint(S3Vfs vfs) {
    return vfs.uploadChecksum() == null
        ? ""
        : ". A store that does not decode aws-chunked request bodies needs"
            + " s3config.checksum_mode \"when_required\"";
  }
}
