package ferry.vfs.s3;

import ferry.vfs.VfsErrors;
import java.io.IOException;
import java.io.InterruptedIOException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns AWS SDK errors into the {@code java.nio.file} vocabulary of {@link ferry.vfs.Vfs}. */
final class S3Errors {
  private S3Errors() {}

  /** A blocking S3 call. */
  @FunctionalInterface
  interface Call<T> {
    T run();
  }

  static <T> T call(String where, Call<T> call) throws IOException {
    try {
      return call.run();
    } catch (SdkException e) {
      throw translate(e, where);
    }
  }

  static IOException translate(SdkException e, String where) {
    if (e instanceof AbortedException) {
      return VfsErrors.withCause(new InterruptedIOException(where + ": interrupted"), e);
    }
    if (!(e instanceof S3Exception s3)) {
      return new IOException(where + ": " + e.getMessage(), e);
    }
    String code = s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
    return switch (s3.statusCode()) {
      case 404 -> VfsErrors.noSuchFile(where, e);
      case 401, 403 -> VfsErrors.accessDenied(where, code + " (HTTP " + s3.statusCode() + ")", e);
      default ->
          new IOException(
              where + ": " + code + " (HTTP " + s3.statusCode() + ") " + message(s3), e);
    };
  }

  private static String message(S3Exception e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
        ? ""
        : e.awsErrorDetails().errorMessage();
  }

  static boolean isNotFound(SdkException e) {
    return e instanceof S3Exception s3 && s3.statusCode() == 404;
  }
}
