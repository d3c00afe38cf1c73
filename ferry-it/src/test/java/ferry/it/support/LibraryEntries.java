package ferry.it.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** VFS Library entries (the reference's BaseVirtualFolder JSON) an admin adds through {@code /v1/adm/folders}. */
public final class LibraryEntries {
  private LibraryEntries() {}

  /** A folder on this machine's disk. */
  public static Map<String, Object> local(String name, Path dir) {
    return Map.of("name", name, "mapped_path", dir.toString(), "filesystem", Map.of("provider", 0));
  }

  /** A bucket of the tests' S3 server, reached with its credentials. */
  public static Map<String, Object> s3(String name, S3Server s3, String bucket, String accessKey, String secret) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bucket", bucket);
    config.put("region", "us-east-1");
    config.put("endpoint", s3.endpoint());
    config.put("force_path_style", true);
    config.put("access_key", accessKey);
    config.put("access_secret", Map.of("status", "Plain", "payload", secret));
    return Map.of("name", name, "filesystem", Map.of("provider", 1, "s3config", config));
  }

  /** A directory on OpenSSH's own sshd, logged in with its client key, host key pinned. */
  public static Map<String, Object> openSsh(String name, OpenSshd sshd, Path prefix) throws IOException {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("endpoint", "127.0.0.1:" + sshd.port());
    config.put("username", sshd.user());
    config.put("private_key", Map.of("status", "Plain", "payload", sshd.clientKey()));
    config.put("fingerprints", List.of(sshd.fingerprint()));
    config.put("prefix", prefix.toString());
    return Map.of("name", name, "filesystem", Map.of("provider", 5, "sftpconfig", config));
  }

  /** Adds {@code entry} to {@code server}'s library as its admin (201 expected). */
  public static void add(FerryProcess server, Map<String, Object> entry) {
    server.api().expect(201, "POST", "/v1/adm/folders", server.cliKey(), Pipelines.json(entry));
  }
}
