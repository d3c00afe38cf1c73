package ferry.server;

/**
 * A listener could not bind its address and port (in use, or not an address of this machine).
 * The server binds every listener before it announces any or creates the first admin, so nothing
 * was announced, created or left running when this is thrown.
 */
public final class ListenerException extends IllegalStateException {
  /** The server's listeners. */
  public enum Listener {
    HTTP_API("the HTTP API"),
    SFTP("SFTP/SCP"),
    METRICS("metrics");

    private final String label;

    Listener(String label) {
      this.label = label;
    }
  }

  private final Listener listener;

  ListenerException(Listener listener, String address, int port, java.net.BindException cause) {
    super("cannot listen for " + listener.label + " on " + address + ":" + port + " (" + cause.getMessage() + ")", cause);
    this.listener = listener;
  }

  /** Which listener could not bind. */
  public Listener listener() {
    return listener;
  }
}
