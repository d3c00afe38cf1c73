package ferry.core.auth.web;

import java.time.Instant;
import java.util.Optional;

/** Storage port of {@link WebSession}s, shared by all nodes. */
public interface WebSessionRepository {
  /** Stores a new session. */
  void insert(WebSession session);

  /** The session with id {@code id} (the cookie's hash), if stored. */
  Optional<WebSession> find(String id);

  /** Records that the session was used at {@code at}. */
  void touch(String id, Instant at);

  /** Moves the session to {@code stage} (after the second factor). */
  void setStage(String id, WebSession.Stage stage);

  /** Removes one session; true when it existed. */
  boolean delete(String id);

  /**
   * Removes every session of one account.
   *
   * @return how many were removed
   */
  int deleteAll(WebSession.Kind kind, String username);

  /**
   * Removes sessions idle since before {@code idleBefore} or created before {@code createdBefore}.
   *
   * @return how many were removed
   */
  int prune(Instant idleBefore, Instant createdBefore);
}
