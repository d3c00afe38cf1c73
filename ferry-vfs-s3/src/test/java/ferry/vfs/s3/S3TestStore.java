package ferry.vfs.s3;

import software.amazon.awssdk.services.s3.S3Client;

/** An S3-compatible server a test class starts on loopback, with one bucket, {@link #BUCKET}. */
public interface S3TestStore {
  /** The bucket every test store creates. */
  String BUCKET = "ferry-test";

  /** A config for the test bucket with the server's endpoint and credentials. */
  S3VfsConfig config();

  /** A client for checks the Vfs API does not offer. */
  S3Client admin();
}
