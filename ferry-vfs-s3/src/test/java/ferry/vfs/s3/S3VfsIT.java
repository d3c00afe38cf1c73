package ferry.vfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.vfs.FileAttrs;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsContract;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class S3VfsIT extends VfsContract {
  @RegisterExtension static final S3TestServer S3 = new S3TestServer();

  @Override
  protected Vfs createVfs() {
    return new S3Vfs(
        S3.config().withKeyPrefix("contract").withUpload(S3VfsConfig.MIN_PART_SIZE, 2));
  }

  @Override
  protected long partialUploadBytes() {
    return S3VfsConfig.MIN_PART_SIZE + 1;
  }

  /** Seeds s3proxy's storage directly: 2,500 PUTs would dominate the run on a busy machine. */
  @Override
  protected void populate(VPath dir, int count) throws IOException {
    Path local = S3.bucketDir().resolve("contract" + dir);
    Files.createDirectories(local);
    for (int i = 0; i < count; i++) {
      Files.createFile(local.resolve(String.format("f%04d", i)));
    }
  }

  private int openMultipartUploads() {
    return S3.admin().listMultipartUploads(b -> b.bucket(S3TestServer.BUCKET)).uploads().size();
  }

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

  @Test
  void mkdirWritesADirectoryMarkerWithItsTime() throws IOException {
    vfs.mkdir(base.child("d"));
    assertThat(
            S3.admin()
                .headObject(b -> b.bucket(S3TestServer.BUCKET).key("contract" + base + "/d/"))
                .contentLength())
        .isZero();
    FileAttrs a = vfs.stat(base.child("d"));
    assertThat(a.isDir()).isTrue();
    assertThat(a.modified()).isAfter(java.time.Instant.EPOCH);
  }

  @Test
  void keyPrefixesIsolateTrees() throws IOException {
    write(base.child("mine.txt"), "x".getBytes());
    try (S3Vfs other = new S3Vfs(S3.config().withKeyPrefix("elsewhere/"))) {
      assertThat(other.find(base.child("mine.txt"))).isEmpty();
      assertThat(other.endpoint()).isEqualTo("s3://" + S3TestServer.BUCKET + "/elsewhere");
    }
  }

  @Test
  void wrongCredentialsAreAccessDenied() {
    try (S3Vfs bad = new S3Vfs(S3.config().withCredentials("test-access", "wrong"))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> bad.stat(VPath.of("/x")))
          .isInstanceOf(java.nio.file.AccessDeniedException.class)
          .hasMessageContaining("s3://" + S3TestServer.BUCKET + "/x");
    }
  }
}
