package ferry.vfs.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/** An s3proxy server on a loopback port 0, storing on disk in a temp dir, one per test class. */
public final class S3TestServer implements S3TestStore, BeforeAllCallback, AfterAllCallback {
  private static final String ACCESS_KEY = "test-access";
  private static final String SECRET = "test-secret";

  private Path dir;
  private S3Proxy proxy;
  private S3Client admin;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("s3proxy");
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", dir.toString());
    proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("filesystem-nio2", props))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET)
            .build();
    proxy.start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!"STARTED".equals(proxy.getState())) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    admin = S3Vfs.buildClient(config());
    admin.createBucket(b -> b.bucket(BUCKET));
  }

  @Override
  public S3VfsConfig config() {
    return S3VfsConfig.of(BUCKET, "us-east-1")
        .withEndpoint("http://127.0.0.1:" + proxy.getPort(), true)
        .withCredentials(ACCESS_KEY, SECRET);
  }

  /** Where s3proxy keeps the test bucket's objects, one file per key. */
  public Path bucketDir() {
    return dir.resolve(BUCKET);
  }

  @Override
  public S3Client admin() {
    return admin;
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (admin != null) {
      admin.close();
    }
    if (proxy != null) {
      proxy.stop();
    }
    deleteTree(dir);
  }

  static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
