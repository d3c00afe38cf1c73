package ferry.vfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.vfs.CopyOptions;
import ferry.vfs.CopyResult;
import ferry.vfs.FileAttrs;
import ferry.vfs.MemoryVfs;
import ferry.vfs.TestData;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsContract;
import ferry.vfs.VfsCopier;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * {@link VfsContract} plus what is particular to S3, run against every S3-compatible server the
 * tests start: one subclass per server.
 */
abstract class S3VfsContract extends VfsContract {
  static final String PREFIX = "contract";

  /** The server under test, registered as an extension by the subclass. */
  protected abstract S3TestStore store();

  @Override
  protected Vfs createVfs() {
    return new S3Vfs(
        store().config().withKeyPrefix(PREFIX).withUpload(S3VfsConfig.MIN_PART_SIZE, 2));
  }

  @Override
  protected long partialUploadBytes() {
    return S3VfsConfig.MIN_PART_SIZE + 1;
  }

  /** The stored object's size as the server reports it, past the Vfs. */
  long storedSize(VPath path) {
    return store()
        .admin()
        .headObject(b -> b.bucket(S3TestStore.BUCKET).key(PREFIX + path))
        .contentLength();
  }

  /** One PUT (5,000,000 bytes is below a part) and a multipart upload of three parts. */
  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {5_000_000, 2 * S3VfsConfig.MIN_PART_SIZE + 12_345})
  void anUploadLandsWithExactlyTheBytesSent(int size) throws IOException {
    MemoryVfs mem = new MemoryVfs();
    write(mem, VPath.of("/upload.bin"), size, 31);

    CopyResult r =
        new VfsCopier(CopyOptions.defaults(), Clock.systemUTC())
            .copy(mem, VPath.of("/upload.bin"), vfs, base)
            .get(0);

    assertThat(r.error()).isEmpty();
    assertThat(storedSize(base.child("upload.bin"))).isEqualTo(size);
    assertThat(TestData.sha256(vfs.openRead(base.child("upload.bin"), 0)))
        .isEqualTo(TestData.sha256(size, 31))
        .isEqualTo(r.sha256());
  }

  /** The store under test behind a client that passes its answers through {@code tamper}. */
  private S3Vfs tampered(TamperingS3Client.Tamper tamper, ExecutorService parts) {
    S3VfsConfig config =
        store().config().withKeyPrefix(PREFIX).withUpload(S3VfsConfig.MIN_PART_SIZE, 2);
    return new S3Vfs(config, TamperingS3Client.wrap(store().admin(), tamper), parts);
  }

  private CopyResult copyThrough(S3Vfs target, int size) throws IOException {
    MemoryVfs mem = new MemoryVfs();
    write(mem, VPath.of("/sent.bin"), size, 41);
    return new VfsCopier(CopyOptions.defaults(), Clock.systemUTC())
        .copy(mem, VPath.of("/sent.bin"), target, base)
        .get(0);
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {5_000_000, 2 * S3VfsConfig.MIN_PART_SIZE + 12_345})
  void anUploadTheStoreKeepsWithAnotherSizeFailsAndIsRemoved(int size) throws IOException {
    ExecutorService parts = Executors.newFixedThreadPool(4);
    try (S3Vfs lying =
        tampered(
            (request, a) ->
                a instanceof HeadObjectResponse h && h.contentLength() == size
                    ? h.toBuilder().contentLength(size + 3716L).build()
                    : a,
            parts)) {
      CopyResult r = copyThrough(lying, size);

      assertThat(r.outcome()).isEqualTo(CopyResult.Outcome.FAILED);
      assertThat(r.error())
          .contains("the store kept " + (size + 3716) + " bytes of the " + size + " sent")
          .contains("removed it");
      assertThat(r.sha256()).isEmpty();
      assertThat(vfs.find(base.child("sent.bin"))).isEmpty();
    } finally {
      parts.shutdown();
    }
  }

  @Test
  void anUploadWhoseETagIsNotTheMd5SentFailsAndIsRemoved() throws IOException {
    ExecutorService parts = Executors.newFixedThreadPool(4);
    String zeros = "\"" + "0".repeat(32) + "\"";
    try (S3Vfs lying =
        tampered(
            (request, a) ->
                a instanceof HeadObjectResponse h ? h.toBuilder().eTag(zeros).build() : a,
            parts)) {
      CopyResult r = copyThrough(lying, 1_000_000);

      assertThat(r.outcome()).isEqualTo(CopyResult.Outcome.FAILED);
      assertThat(r.error()).contains("the store kept other bytes than were sent");
      assertThat(vfs.find(base.child("sent.bin"))).isEmpty();
    } finally {
      parts.shutdown();
    }
  }

  @Test
  void aPartWhoseETagIsNotItsMd5FailsTheUploadAndPublishesNothing() throws IOException {
    ExecutorService parts = Executors.newFixedThreadPool(4);
    String zeros = "\"" + "0".repeat(32) + "\"";
    try (S3Vfs lying =
        tampered(
            (request, a) ->
                a instanceof UploadPartResponse p ? p.toBuilder().eTag(zeros).build() : a,
            parts)) {
      CopyResult r = copyThrough(lying, 2 * S3VfsConfig.MIN_PART_SIZE + 1);

      assertThat(r.outcome()).isEqualTo(CopyResult.Outcome.FAILED);
      assertThat(r.error()).contains("the store kept other bytes for part ");
      assertThat(vfs.find(base.child("sent.bin"))).isEmpty();
    } finally {
      parts.shutdown();
    }
  }

  @Test
  void aRenameWhoseCopyHasAnotherSizeFailsAndKeepsTheSource() throws IOException {
    write(base.child("from.txt"), "twelve bytes".getBytes());
    ExecutorService parts = Executors.newFixedThreadPool(4);
    try (S3Vfs lying =
        tampered(
            (request, a) ->
                request instanceof HeadObjectRequest h && h.key().endsWith("/to.txt")
                    ? ((HeadObjectResponse) a).toBuilder().contentLength(11L).build()
                    : a,
            parts)) {
      assertThatThrownBy(() -> lying.rename(base.child("from.txt"), base.child("to.txt")))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("the store kept 11 bytes of the 12 sent; removed it");
    } finally {
      parts.shutdown();
    }
    assertThat(read(base.child("from.txt"))).isEqualTo("twelve bytes".getBytes());
    assertThat(names(base)).containsExactly("from.txt");
  }

  @Test
  void mkdirWritesADirectoryMarkerWithItsTime() throws IOException {
    vfs.mkdir(base.child("d"));
    assertThat(
            store()
                .admin()
                .headObject(b -> b.bucket(S3TestStore.BUCKET).key(PREFIX + base + "/d/"))
                .contentLength())
        .isZero();
    FileAttrs a = vfs.stat(base.child("d"));
    assertThat(a.isDir()).isTrue();
    assertThat(a.modified()).isAfter(Instant.EPOCH);
  }

  @Test
  void keyPrefixesIsolateTrees() throws IOException {
    write(base.child("mine.txt"), "x".getBytes());
    try (S3Vfs other = new S3Vfs(store().config().withKeyPrefix("elsewhere/"))) {
      assertThat(other.find(base.child("mine.txt"))).isEmpty();
      assertThat(other.endpoint()).isEqualTo("s3://" + S3TestStore.BUCKET + "/elsewhere");
    }
  }

  @Test
  void wrongCredentialsAreAccessDenied() {
    try (S3Vfs bad = new S3Vfs(store().config().withCredentials("unknown-key", "wrong"))) {
      assertThatThrownBy(() -> bad.stat(VPath.of("/x")))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("s3://" + S3TestStore.BUCKET + "/x");
    }
  }
}
