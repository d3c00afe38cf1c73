package ferry.vfs.s3;

import ferry.vfs.CopyChecks;
import ferry.vfs.LocalVfs;
import ferry.vfs.VPath;
import ferry.vfs.sftp.SftpTestServer;
import ferry.vfs.sftp.SftpVfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 1 GiB case: local disk to SFTP, then SFTP to S3, each verified by SHA-256 on read-back.
 * Bounded memory matters here: the S3 side holds at most part size × (concurrency + 1).
 */
class LargeCopyIT {
  @RegisterExtension static final S3TestServer S3 = new S3TestServer();
  @RegisterExtension static final SftpTestServer SFTP = new SftpTestServer();
  private static final long GIB = 1024L * 1024 * 1024;

  @Test
  void oneGibibyteGoesLocalToSftpToS3ByteIdentical(@TempDir Path dir) throws IOException {
    VPath file = VPath.of("/big/one-gib.bin");
    try (LocalVfs local = new LocalVfs(dir);
        SftpVfs sftp = new SftpVfs(SFTP.config());
        S3Vfs s3 = new S3Vfs(S3.config().withKeyPrefix("large"))) {
      local.mkdir(VPath.of("/big"));
      String sha = CopyChecks.seed(local, file, GIB, 1);

      CopyChecks.copyAndVerify(local, file, sftp, VPath.of("/big"), GIB, sha);
      Files.delete(dir.resolve("big/one-gib.bin"));
      CopyChecks.copyAndVerify(sftp, file, s3, VPath.of("/big"), GIB, sha);
      sftp.remove(file);
      s3.remove(file);
    }
  }
}
