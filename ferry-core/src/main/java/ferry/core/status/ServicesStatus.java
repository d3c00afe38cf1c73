package ferry.core.status;

import java.util.List;

/**
 * What runs on this node, as admins see it (the reference API's ServicesStatus): the SSH server
 * (SFTP/SCP), the database and the Defender. Ferry has no FTP, WebDAV, MFA or allow-list service.
 *
 * @param ssh the SSH server, or {@link Ssh#OFF}
 * @param dataProvider the database
 * @param defenderActive whether failed logins are scored and sources banned
 * @param http the HTTP(S) listener (API and web UI), or {@link Http#OFF} when not known
 */
public record ServicesStatus(Ssh ssh, DataProvider dataProvider, boolean defenderActive, Http http) {
  public ServicesStatus {
    http = http == null ? Http.OFF : http;
  }

  /** Without the HTTP listener (a caller that does not know it). */
  public ServicesStatus(Ssh ssh, DataProvider dataProvider, boolean defenderActive) {
    this(ssh, dataProvider, defenderActive, Http.OFF);
  }

  /**
   * The HTTP(S) listener.
   *
   * @param url its base URL, e.g. {@code https://0.0.0.0:8443} ("" when not known)
   * @param tls whether it speaks HTTPS
   */
  public record Http(String url, boolean tls) {
    public static final Http OFF = new Http("", false);
  }

  /**
   * The SSH server.
   *
   * @param address the bound address ("" when off)
   * @param port the bound port (0 when off)
   * @param hostKeys the host keys
   * @param commands the SSH commands served besides the SFTP subsystem
   * @param authentications the login methods offered
   */
  public record Ssh(boolean active, String address, int port, List<HostKey> hostKeys, List<String> commands,
      List<String> authentications, List<String> kexAlgorithms, List<String> ciphers, List<String> macs) {
    public static final Ssh OFF = new Ssh(false, "", 0, List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of());

    public Ssh {
      hostKeys = List.copyOf(hostKeys);
      commands = List.copyOf(commands);
      authentications = List.copyOf(authentications);
      kexAlgorithms = List.copyOf(kexAlgorithms);
      ciphers = List.copyOf(ciphers);
      macs = List.copyOf(macs);
    }
  }

  /**
   * A host key.
   *
   * @param fingerprint as OpenSSH shows it, {@code SHA256:...}
   * @param algorithms the key's type, e.g. {@code ssh-ed25519}
   */
  public record HostKey(String fingerprint, List<String> algorithms) {
    public HostKey {
      algorithms = List.copyOf(algorithms);
    }
  }

  /**
   * The database.
   *
   * @param driver {@code h2} or {@code postgresql}
   * @param error why it does not answer, "" when it does
   */
  public record DataProvider(boolean active, String driver, String error) {}
}
