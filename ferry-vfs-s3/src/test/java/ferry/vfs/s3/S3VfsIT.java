package ferry.vfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The S3 contract against s3proxy, in-process. */
class S3VfsIT extends S3VfsContract {
  @RegisterExtension static final S3TestServer S3 = new S3TestServer();

  @Override
  protected S3TestStore store() {
    return S3;
  }

  /** Seeds s3proxy's storage directly: 2,500 PUTs would dominate the run on a busy machine. */
  @Override
  protected void populate(VPath dir, int count) throws IOException {
    Path local = S3.bucketDir().resolve(PREFIX + dir);
    Files.createDirectories(local);
    for (int i = 0; i < count; i++) {
      Files.createFile(local.resolve(String.format("f%04d", i)));
    }
  }

  private int openMultipartUploads() {
    return S3.admin().listMultipartUploads(b -> b.bucket(S3TestStore.BUCKET)).uploads().size();
  }

  /** s3rver lists no multipart uploads, so this check runs on s3proxy only. */
  @Test
  void largeUploadGoesMultipartAndAbortLeavesNoUploadBehind() throws IOException {
    VPath f = base.child("multi.bin");
    int before = openMultipartUploads();
    try (Upload up = vfs.openWrite(f, WriteOptions.createNew())) {
      up.write(ByteBuffer.wrap(new byte[S3VfsConfig.MIN_PART_SIZE * 2 + 10]));
      assertThat(openMultipartUploads()).isEqualTo(before + 1);
    }
    assertThat(openMultipartUploads()).isEqualTo(before);
    assertThat(vfs.find(f)).isEmpty();
  }
}
