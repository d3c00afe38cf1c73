package ferry.sftpd;

/** Port: what the SSH server tells the server's metrics. {@link #NONE} counts nothing. */
public interface SshMetrics {
  /** A connection passed the Defender and starts its SSH handshake. */
  void sessionOpened();

  /**
   * A login attempt ended.
   *
   * @param method {@code password} or {@code publickey}
   * @param ok true once per session, when it logs in; false for each refused password or key
   */
  void login(String method, boolean ok);

  SshMetrics NONE =
      new SshMetrics() {
        @Override
        public void sessionOpened() {}

        @Override
        public void login(String method, boolean ok) {}
      };
}
