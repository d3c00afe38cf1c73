package ferry.vfs.s3;

import static ferry.vfs.Settings.intSetting;
import static ferry.vfs.Settings.orEmpty;
import static ferry.vfs.Settings.require;

import java.net.URI;
import java.util.Map;

/**
 * Settings of one S3 (or S3-compatible) endpoint.
 *
 * @param bucket the bucket
 * @param region the signing region, e.g. {@code eu-west-1}
 * @param endpoint an endpoint URI for S3-compatible stores, or {@code ""} for AWS
 * @param forcePathStyle address the bucket in the path instead of the host name
 * @param keyPrefix a key prefix that acts as the root, e.g. {@code users/bob/}, or {@code ""}
 * @param accessKey the access key id, or {@code ""} for the SDK's default credential chain
 * @param accessSecret the secret access key, or {@code ""} with an empty access key
 * @param uploadPartSize bytes per multipart part, from {@link #MIN_PART_SIZE} to {@link
 *     #MAX_PART_SIZE}; files smaller than one part go up in a single PUT
 * @param uploadConcurrency parts uploaded in parallel per upload, from 1 to {@link
 *     #MAX_CONCURRENCY}; an upload holds at most {@code uploadPartSize × (uploadConcurrency + 1)}
 *     bytes of memory
 * @param checksumMode when the client computes request checksums (see {@link S3ChecksumMode})
 */
public record S3VfsConfig(
    String bucket,
    String region,
    String endpoint,
    boolean forcePathStyle,
    String keyPrefix,
    String accessKey,
    String accessSecret,
    int uploadPartSize,
    int uploadConcurrency,
    S3ChecksumMode checksumMode) {

  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
  public static final int MAX_PART_SIZE = 512 * 1024 * 1024;
  public static final int DEFAULT_CONCURRENCY = 2;
  public static final int MAX_CONCURRENCY = 16;
  public static final S3ChecksumMode DEFAULT_CHECKSUM_MODE = S3ChecksumMode.WHEN_REQUIRED;

  public S3VfsConfig {
    bucket = orEmpty(bucket);
    region = orEmpty(region);
    endpoint = orEmpty(endpoint);
    accessKey = orEmpty(accessKey);
    accessSecret = orEmpty(accessSecret);
    keyPrefix = normalizePrefix(orEmpty(keyPrefix));
    checksumMode = checksumMode == null ? DEFAULT_CHECKSUM_MODE : checksumMode;
  }

  /** A config for {@code bucket} in {@code region} with every other setting at its default. */
  public static S3VfsConfig of(String bucket, String region) {
    return new S3VfsConfig(
        bucket,
        region,
        "",
        false,
        "",
        "",
        "",
        DEFAULT_PART_SIZE,
        DEFAULT_CONCURRENCY,
        DEFAULT_CHECKSUM_MODE);
  }

  /**
   * Reads snake_case settings: {@code bucket}, {@code region}, {@code endpoint}, {@code
   * force_path_style}, {@code key_prefix}, {@code access_key}, {@code access_secret}, {@code
   * upload_part_size}, {@code upload_concurrency}, {@code checksum_mode}.
   */
  public static S3VfsConfig fromSettings(Map<String, String> s) {
    return new S3VfsConfig(
            s.get("bucket"),
            s.get("region"),
            s.get("endpoint"),
            Boolean.parseBoolean(s.getOrDefault("force_path_style", "false")),
            s.get("key_prefix"),
            s.get("access_key"),
            s.get("access_secret"),
            intSetting(s, "s3", "upload_part_size", DEFAULT_PART_SIZE),
            intSetting(s, "s3", "upload_concurrency", DEFAULT_CONCURRENCY),
            s.get("checksum_mode") == null || s.get("checksum_mode").isBlank()
                ? DEFAULT_CHECKSUM_MODE
                : S3ChecksumMode.parse(s.get("checksum_mode")))
        .validate();
  }

  /** Returns a copy using an S3-compatible endpoint. */
  public S3VfsConfig withEndpoint(String uri, boolean pathStyle) {
    return new S3VfsConfig(
        bucket,
        region,
        uri,
        pathStyle,
        keyPrefix,
        accessKey,
        accessSecret,
        uploadPartSize,
        uploadConcurrency,
        checksumMode);
  }

  /** Returns a copy with static credentials. */
  public S3VfsConfig withCredentials(String key, String secret) {
    return new S3VfsConfig(
        bucket,
        region,
        endpoint,
        forcePathStyle,
        keyPrefix,
        key,
        secret,
        uploadPartSize,
        uploadConcurrency,
        checksumMode);
  }

  /** Returns a copy rooted at {@code prefix}. */
  public S3VfsConfig withKeyPrefix(String prefix) {
    return new S3VfsConfig(
        bucket,
        region,
        endpoint,
        forcePathStyle,
        prefix,
        accessKey,
        accessSecret,
        uploadPartSize,
        uploadConcurrency,
        checksumMode);
  }

  /** Returns a copy with other multipart settings. */
  public S3VfsConfig withUpload(int partSize, int concurrency) {
    return new S3VfsConfig(
        bucket,
        region,
        endpoint,
        forcePathStyle,
        keyPrefix,
        accessKey,
        accessSecret,
        partSize,
        concurrency,
        checksumMode);
  }

  /** Returns a copy with another checksum mode. */
  public S3VfsConfig withChecksumMode(S3ChecksumMode mode) {
    return new S3VfsConfig(
        bucket,
        region,
        endpoint,
        forcePathStyle,
        keyPrefix,
        accessKey,
        accessSecret,
        uploadPartSize,
        uploadConcurrency,
        mode);
  }

  /**
   * Checks every setting.
   *
   * @return this
   * @throws IllegalArgumentException naming the first invalid key
   */
  public S3VfsConfig validate() {
    require(!bucket.isBlank(), "s3.bucket: must not be empty");
    require(!region.isBlank(), "s3.region: must not be empty");
    if (!endpoint.isEmpty()) {
      URI uri;
      try {
        uri = URI.create(endpoint);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("s3.endpoint: not a URI: " + endpoint, e);
      }
      require(
          uri.getScheme() != null && uri.getHost() != null, "s3.endpoint: needs scheme and host");
    }
    require(
        accessKey.isEmpty() == accessSecret.isEmpty(),
        "s3.access_secret: give both key and secret, or neither");
    require(
        uploadPartSize >= MIN_PART_SIZE && uploadPartSize <= MAX_PART_SIZE,
        "s3.upload_part_size: must be between " + MIN_PART_SIZE + " and " + MAX_PART_SIZE);
    require(
        uploadConcurrency >= 1 && uploadConcurrency <= MAX_CONCURRENCY,
        "s3.upload_concurrency: must be between 1 and " + MAX_CONCURRENCY);
    return this;
  }

  @Override
  public String toString() {
    return "S3VfsConfig[bucket="
        + bucket
        + ", region="
        + region
        + ", endpoint="
        + endpoint
        + ", forcePathStyle="
        + forcePathStyle
        + ", keyPrefix="
        + keyPrefix
        + ", accessKey="
        + accessKey
        + ", accessSecret="
        + (accessSecret.isEmpty() ? "" : "***")
        + ", uploadPartSize="
        + uploadPartSize
        + ", uploadConcurrency="
        + uploadConcurrency
        + ", checksumMode="
        + checksumMode.setting()
        + "]";
  }

  private static String normalizePrefix(String prefix) {
    String p = prefix;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    return p.isEmpty() || p.endsWith("/") ? p : p + "/";
  }
}
