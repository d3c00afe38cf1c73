package ferry.vfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.vfs.CopyOptions;
import ferry.vfs.CopyResult;
import ferry.vfs.MemoryVfs;
import ferry.vfs.VPath;
import ferry.vfs.VfsCopier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The S3 contract against s3rver (npm), a store that does not decode aws-chunked bodies. */
class S3rverVfsIT extends S3VfsContract {
  @RegisterExtension static final S3rverTestServer S3 = new S3rverTestServer();
  private static final String EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e";

  @Override
  protected S3TestStore store() {
    return S3;
  }

  /**
   * Seeds s3rver's storage directly, in its layout of version 3.7.1 (per key a {@code
   * name._S3rver_object} file and its MD5 beside it): 2,500 PUTs take s3rver half a minute.
   */
  @Override
  protected void populate(VPath dir, int count) throws IOException {
    Path local = S3.bucketDir().resolve(PREFIX + dir);
    Files.createDirectories(local);
    for (int i = 0; i < count; i++) {
      String name = String.format("f%04d._S3rver_object", i);
      Files.createFile(local.resolve(name));
      Files.writeString(local.resolve(name + ".md5"), EMPTY_MD5);
    }
  }

  /**
   * With checksums on every upload the SDK sends aws-chunked bodies, which s3rver keeps framing
   * and all: the check after the upload turns that into a failed copy instead of a corrupt object.
   */
  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {5_000_000, 2 * S3VfsConfig.MIN_PART_SIZE + 12_345})
  void withChecksumTrailersTheMisreadUploadFailsInsteadOfLandingCorrupt(int size)
      throws IOException {
    MemoryVfs mem = new MemoryVfs();
    write(mem, VPath.of("/trailers.bin"), size, 51);
    S3VfsConfig config =
        S3.config()
            .withKeyPrefix(PREFIX)
            .withUpload(S3VfsConfig.MIN_PART_SIZE, 2)
            .withChecksumMode(S3ChecksumMode.WHEN_SUPPORTED);
    try (S3Vfs trailers = new S3Vfs(config)) {
      CopyResult r =
          new VfsCopier(CopyOptions.defaults(), Clock.systemUTC())
              .copy(mem, VPath.of("/trailers.bin"), trailers, base)
              .get(0);

      assertThat(r.outcome()).isEqualTo(CopyResult.Outcome.FAILED);
      assertThat(r.error())
          .contains("the store kept ")
          .contains("s3config.checksum_mode \"when_required\"");
      assertThat(vfs.find(base.child("trailers.bin"))).isEmpty();
    }
  }
}
