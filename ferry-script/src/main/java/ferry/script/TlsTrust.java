package ferry.script;

/** Which TLS server certificates an {@code HttpCli} request accepts. */
sealed interface TlsTrust {
  /** The JDK's trusted CAs, with host name verification. */
  record SystemDefault() implements TlsTrust {}

  /** Any certificate and any host name: {@code InsecureSkipVerify()}. */
  record TrustAll() implements TlsTrust {}

  /** Only the given PEM certificates (with host name verification): {@code TrustCertPEM(pem)}. */
  record PemCertificates(String pem) implements TlsTrust {}
}
