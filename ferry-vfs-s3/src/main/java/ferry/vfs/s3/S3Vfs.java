package ferry.vfs.s3;

import static java.util.Objects.requireNonNull;

import ferry.vfs.Capability;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsErrors;
import ferry.vfs.WriteMode;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link Vfs} over an S3 bucket, optionally below a key prefix.
 *
 * <p>Directories are emulated: {@link #mkdir} writes an empty marker object {@code dir/}, and any
 * key below {@code dir/} also makes {@code dir} exist. Prefix-only directories report {@link
 * Instant#EPOCH} as modification time. Uploads are atomic by nature: a single PUT for files below
 * one part, otherwise a multipart upload completed only on commit and aborted on close. Renames are
 * a server-side copy plus delete; non-empty directories cannot be renamed.
 */
public final class S3Vfs implements Vfs {
  private static final Set<Capability> CAPABILITIES =
      Set.of(Capability.ATOMIC_UPLOAD, Capability.SERVER_SIDE_RENAME);

  private final S3VfsConfig config;
  private final S3Client s3;
  private final ExecutorService partUploads;
  private final boolean ownsClients;
  private final String endpoint;

  /** Connects with its own HTTP client and part-upload threads, closed by {@link #close()}. */
  public S3Vfs(S3VfsConfig config) {
    this(config, buildClient(config.validate()), newPartPool(config), true);
  }

  /**
   * Uses a client and executor owned by the caller, which {@link #close()} leaves open.
   *
   * @param partUploads runs multipart part uploads; needs at least {@code uploadConcurrency}
   *     threads to reach full parallelism
   */
  public S3Vfs(S3VfsConfig config, S3Client client, ExecutorService partUploads) {
    this(requireNonNull(config, "No config").validate(), client, partUploads, false);
  }

  private S3Vfs(S3VfsConfig config, S3Client client, ExecutorService partUploads, boolean owns) {
    this.config = requireNonNull(config, "No config");
    this.s3 = requireNonNull(client, "No S3 client");
    this.partUploads = requireNonNull(partUploads, "No executor");
    this.ownsClients = owns;
    String prefix =
        config.keyPrefix().isEmpty()
            ? ""
            : "/" + config.keyPrefix().substring(0, config.keyPrefix().length() - 1);
    this.endpoint = "s3://" + config.bucket() + prefix;
  }

  static S3Client buildClient(S3VfsConfig config) {
    AwsCredentialsProvider credentials =
        config.accessKey().isEmpty()
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(
                AwsBasicCredentials.create(config.accessKey(), config.accessSecret()));
    var builder =
        S3Client.builder()
            .region(Region.of(config.region()))
            .forcePathStyle(config.forcePathStyle())
            .requestChecksumCalculation(config.checksumMode().request())
            .responseChecksumValidation(config.checksumMode().response())
            .serviceConfiguration(
                S3Configuration.builder()
                    .chunkedEncodingEnabled(config.checksumMode().chunkedEncoding())
                    .build())
            .credentialsProvider(credentials)
            .httpClient(
                Apache5HttpClient.builder()
                    .maxConnections(4 * config.uploadConcurrency() + 8)
                    .build());
    if (!config.endpoint().isEmpty()) {
      builder.endpointOverride(URI.create(config.endpoint()));
    }
    return builder.build();
  }

  private static ExecutorService newPartPool(S3VfsConfig config) {
    AtomicInteger n = new AtomicInteger();
    int threads = Math.max(4, 2 * config.uploadConcurrency());
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "s3-part-upload-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  String where(VPath path) {
    return endpoint + path;
  }

  String bucket() {
    return config.bucket();
  }

  S3Client client() {
    return s3;
  }

  /** CRC32 on uploads and parts when the folder asks for checksums, otherwise none (null). */
  ChecksumAlgorithm uploadChecksum() {
    return config.checksumMode() == S3ChecksumMode.WHEN_SUPPORTED ? ChecksumAlgorithm.CRC32 : null;
  }

  /** The object key of a file at {@code path}. */
  String key(VPath path) {
    return config.keyPrefix() + path.relativeTo(VPath.ROOT);
  }

  /** The prefix of a directory's entries, which is also its marker key. */
  String dirPrefix(VPath dir) {
    return dir.isRoot() ? config.keyPrefix() : key(dir) + "/";
  }

  Optional<HeadObjectResponse> head(VPath path) throws IOException {
    if (path.isRoot()) {
      return Optional.empty();
    }
    try {
      return Optional.of(s3.headObject(b -> b.bucket(config.bucket()).key(key(path))));
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw S3Errors.translate(e, where(path));
    }
  }

  /** Lists at most {@code max} keys below the directory prefix (marker included). */
  ListObjectsV2Response peek(VPath dir, int max) throws IOException {
    return S3Errors.call(
        where(dir),
        () -> s3.listObjectsV2(b -> b.bucket(config.bucket()).prefix(dirPrefix(dir)).maxKeys(max)));
  }

  @Override
  public FileAttrs stat(VPath path) throws IOException {
    if (path.isRoot()) {
      return FileAttrs.dir("", Instant.EPOCH);
    }
    Optional<HeadObjectResponse> file = head(path);
    if (file.isPresent()) {
      return FileAttrs.file(path.name(), file.get().contentLength(), file.get().lastModified());
    }
    ListObjectsV2Response below = peek(path, 1);
    if (below.contents().isEmpty()) {
      throw VfsErrors.noSuchFile(where(path), null);
    }
    S3Object first = below.contents().get(0);
    Instant modified = first.key().equals(dirPrefix(path)) ? first.lastModified() : Instant.EPOCH;
    return FileAttrs.dir(path.name(), modified);
  }

  private FileAttrs requireDir(VPath dir) throws IOException {
    FileAttrs a = stat(dir);
    if (!a.isDir()) {
      throw VfsErrors.notDirectory(where(dir), null);
    }
    return a;
  }

  @Override
  public DirLister list(VPath dir) throws IOException {
    requireDir(dir);
    return new S3DirLister(this, dir);
  }

  @Override
  public InputStream openRead(VPath path, long offset) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("Negative offset " + offset);
    }
    return S3ReadStream.open(this, path, offset);
  }

  @Override
  public Upload openWrite(VPath path, WriteOptions options) throws IOException {
    if (options.mode() == WriteMode.APPEND) {
      throw new UnsupportedOperationException(endpoint + ": S3 objects cannot be appended to");
    }
    if (path.isRoot()) {
      throw VfsErrors.isDirectory(where(path));
    }
    if (!path.parentOrRoot().isRoot()) {
      try {
        requireDir(path.parentOrRoot());
      } catch (java.nio.file.NoSuchFileException e) {
        throw VfsErrors.noSuchFile(where(path.parentOrRoot()), e);
      }
    }
    if (head(path).isPresent()) {
      if (options.mode() == WriteMode.CREATE_NEW) {
        throw VfsErrors.alreadyExists(where(path), null);
      }
    } else if (!peek(path, 1).contents().isEmpty()) {
      throw VfsErrors.isDirectory(where(path));
    }
    return new S3Upload(
        this,
        path,
        options.mode(),
        config.uploadPartSize(),
        config.uploadConcurrency(),
        partUploads);
  }

  @Override
  public void mkdir(VPath dir) throws IOException {
    if (find(dir).isPresent()) {
      throw VfsErrors.alreadyExists(where(dir), null);
    }
    if (!dir.parentOrRoot().isRoot()) {
      requireDir(dir.parentOrRoot());
    }
    S3Errors.call(
        where(dir),
        () ->
            s3.putObject(b -> b.bucket(config.bucket()).key(dirPrefix(dir)), RequestBody.empty()));
  }

  @Override
  public void rename(VPath from, VPath to, boolean replace) throws IOException {
    if (from.isRoot() || to.isRoot()) {
      throw VfsErrors.accessDenied(where(from), "cannot rename the root", null);
    }
    FileAttrs src = stat(from);
    if (!to.parentOrRoot().isRoot()) {
      try {
        requireDir(to.parentOrRoot());
      } catch (java.nio.file.NoSuchFileException e) {
        throw VfsErrors.noSuchFile(where(to.parentOrRoot()), e);
      }
    }
    Optional<FileAttrs> existing = find(to);
    if (existing.isPresent() && (!replace || existing.get().isDir() || src.isDir())) {
      throw VfsErrors.alreadyExists(where(to), null);
    }
    if (from.equals(to)) {
      return;
    }
    if (src.isDir()) {
      if (peek(from, 2).contents().stream().anyMatch(o -> !o.key().equals(dirPrefix(from)))) {
        throw new IOException(where(from) + ": cannot rename a non-empty directory on S3");
      }
      mkdir(to);
      remove(from);
      return;
    }
    S3Copy.copy(this, from, to, src.size());
    S3Errors.call(
        where(from), () -> s3.deleteObject(b -> b.bucket(config.bucket()).key(key(from))));
  }

  @Override
  public void remove(VPath path) throws IOException {
    if (path.isRoot()) {
      throw VfsErrors.accessDenied(where(path), "cannot remove the root", null);
    }
    if (head(path).isPresent()) {
      S3Errors.call(
          where(path), () -> s3.deleteObject(b -> b.bucket(config.bucket()).key(key(path))));
      return;
    }
    ListObjectsV2Response below = peek(path, 2);
    String marker = dirPrefix(path);
    if (below.contents().isEmpty()) {
      throw VfsErrors.noSuchFile(where(path), null);
    }
    if (below.contents().stream().anyMatch(o -> !o.key().equals(marker))) {
      throw VfsErrors.notEmpty(where(path), null);
    }
    S3Errors.call(where(path), () -> s3.deleteObject(b -> b.bucket(config.bucket()).key(marker)));
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public void close() {
    if (ownsClients) {
      partUploads.shutdown();
      s3.close();
    }
  }

  @Override
  public String toString() {
    return "S3Vfs[" + endpoint + "]";
  }
}
