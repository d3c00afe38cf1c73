package ferry.agent;

/** A failure the operator must act on (no identity, refused registration): said in one line, no stack trace. */
public final class AgentException extends RuntimeException {
  AgentException(String message) {
    super(message);
  }
}
