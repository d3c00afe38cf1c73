package ferry.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 server (s3proxy, on disk) on a free loopback port with the access key and secret a test
 * chooses, so that a client's own example credentials can stay as written. One per test class.
 */
public final class S3Server implements AutoCloseable {
  private final Path dir;
  private final S3Proxy proxy;
  private final S3Client client;

  private S3Server(Path dir, S3Proxy proxy, S3Client client) {
    this.dir = dir;
    this.proxy = proxy;
    this.client = client;
  }

  /** Starts s3proxy accepting AWS v2/v4 signatures by {@code accessKey}/{@code secret} in any region. */
  public static S3Server start(String accessKey, String secret) throws Exception {
    Path dir = Files.createTempDirectory("s3proxy");
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", dir.toString());
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(BlobStores.create("filesystem-nio2", props))
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secret)
        .build();
    proxy.start();
    Waits.until("s3proxy to start", Duration.ofSeconds(30), () -> "STARTED".equals(proxy.getState()) ? true : null);
    S3Client client = S3Client.builder()
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClient(Apache5HttpClient.builder().build())
        .build();
    return new S3Server(dir, proxy, client);
  }

  /** The endpoint an s3config names, e.g. {@code http://127.0.0.1:41234}. */
  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** A client with the server's credentials, to create buckets and read what others wrote. */
  public S3Client client() {
    return client;
  }

  @Override
  public void close() throws Exception {
    client.close();
    proxy.stop();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      // a temp dir left behind does not fail the test
    }
  }
}
