package ferry.vfs.s3;

import ferry.vfs.VPath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

/**
 * Server-side object copy; objects over 5 GiB need a multipart copy. The copy's size is checked
 * before the caller removes the source.
 */
final class S3Copy {
  private static final long SINGLE_COPY_LIMIT = 5L * 1024 * 1024 * 1024;
  private static final long COPY_PART = 512L * 1024 * 1024;

  private S3Copy() {}

  static void copy(S3Vfs vfs, VPath from, VPath to, long size) throws IOException {
    String where = vfs.where(from) + " -> " + to;
    if (size <= SINGLE_COPY_LIMIT) {
      S3Errors.call(
          where,
          () ->
              vfs.client()
                  .copyObject(
                      b ->
                          b.sourceBucket(vfs.bucket())
                              .sourceKey(vfs.key(from))
                              .destinationBucket(vfs.bucket())
                              .destinationKey(vfs.key(to))));
    } else {
      multipartCopy(vfs, from, to, size, where);
    }
    // The caller deletes the source next: only a copy of the same size may replace it.
    S3UploadCheck.checkStored(vfs, to, size, "");
  }

  private static void multipartCopy(S3Vfs vfs, VPath from, VPath to, long size, String where)
      throws IOException {
    String id =
        S3Errors.call(
                where,
                () ->
                    vfs.client()
                        .createMultipartUpload(b -> b.bucket(vfs.bucket()).key(vfs.key(to))))
            .uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      for (long start = 0; start < size; start += COPY_PART) {
        int number = parts.size() + 1;
        String range = "bytes=" + start + "-" + (Math.min(size, start + COPY_PART) - 1);
        UploadPartCopyResponse r =
            S3Errors.call(
                where,
                () ->
                    vfs.client()
                        .uploadPartCopy(
                            b ->
                                b.sourceBucket(vfs.bucket())
                                    .sourceKey(vfs.key(from))
                                    .destinationBucket(vfs.bucket())
                                    .destinationKey(vfs.key(to))
                                    .uploadId(id)
                                    .partNumber(number)
                                    .copySourceRange(range)));
        parts.add(
            CompletedPart.builder().partNumber(number).eTag(r.copyPartResult().eTag()).build());
      }
      S3Errors.call(
          where,
          () ->
              vfs.client()
                  .completeMultipartUpload(
                      b ->
                          b.bucket(vfs.bucket())
                              .key(vfs.key(to))
                              .uploadId(id)
                              .multipartUpload(m -> m.parts(parts))));
    } catch (IOException | RuntimeException e) {
      try {
        vfs.client()
            .abortMultipartUpload(b -> b.bucket(vfs.bucket()).key(vfs.key(to)).uploadId(id));
      } catch (SdkException abort) {
        e.addSuppressed(abort);
      }
      throw e;
    }
  }
}
