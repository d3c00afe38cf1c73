package ferry.vfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.vfs.CopyChecks;
import ferry.vfs.CopyOptions;
import ferry.vfs.CopyResult;
import ferry.vfs.FailingVfs;
import ferry.vfs.TestData;
import ferry.vfs.VPath;
import ferry.vfs.VfsCopier;
import ferry.vfs.sftp.SftpTestServer;
import ferry.vfs.sftp.SftpVfs;
import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Copies between the SFTP and S3 backends, both against real in-process servers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SftpToS3CopyIT {
  @RegisterExtension static final S3TestServer S3 = new S3TestServer();
  @RegisterExtension static final SftpTestServer SFTP = new SftpTestServer();
  private static final long MIB = 1024 * 1024;

  private S3Vfs s3;
  private SftpVfs sftp;

  @BeforeAll
  void open() throws IOException {
    s3 = new S3Vfs(S3.config().withKeyPrefix("cross"));
    sftp = new SftpVfs(SFTP.config());
  }

  @AfterAll
  void close() throws IOException {
    s3.close();
    sftp.close();
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(longs = {0, 1, 100 * MIB})
  void sftpToS3IsByteIdentical(long size) throws IOException {
    VPath src = VPath.of("/sftp-to-s3-" + size + ".bin");
    String sha = CopyChecks.seed(sftp, src, size, size + 5);
    CopyChecks.copyAndVerify(sftp, src, s3, VPath.of("/in-" + size), size, sha);
    s3.remove(VPath.of("/in-" + size).child(src.name()));
    sftp.remove(src);
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(longs = {0, 1, 3 * MIB})
  void s3ToSftpIsByteIdentical(long size) throws IOException {
    VPath src = VPath.of("/s3-to-sftp-" + size + ".bin");
    String sha = CopyChecks.seed(s3, src, size, size + 6);
    sftp.mkdirs(VPath.of("/from-s3"));
    CopyChecks.copyAndVerify(s3, src, sftp, VPath.of("/from-s3"), size, sha);
  }

  @Test
  void s3UploadFailingMidWayLeavesNoObjectAndNoMultipartUpload() throws IOException {
    VPath src = VPath.of("/mid-way.bin");
    long size = 20 * MIB;
    CopyChecks.seed(sftp, src, size, 77);
    var breaking = new FailingVfs(s3, Long.MAX_VALUE, 12 * MIB);

    CopyResult r =
        new VfsCopier(CopyOptions.defaults(), Clock.systemUTC())
            .copy(sftp, src, breaking, VPath.of("/broken"))
            .get(0);

    assertThat(r.ok()).isFalse();
    assertThat(s3.find(VPath.of("/broken/mid-way.bin"))).isEmpty();
    assertThat(S3.admin().listMultipartUploads(b -> b.bucket(S3TestServer.BUCKET)).uploads())
        .isEmpty();
    assertThat(TestData.sha256(sftp.openRead(src, 0))).isEqualTo(TestData.sha256(size, 77));
  }
}
