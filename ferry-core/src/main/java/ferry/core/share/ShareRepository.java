package ferry.core.share;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where shares are stored. */
public interface ShareRepository {
  /** Stores a new share. */
  void insert(Share share);

  /** The share with {@code id}, whoever owns it. */
  Optional<Share> find(String id);

  /**
   * A page of {@code username}'s shares ordered by id.
   *
   * @param ascending true for ascending ids
   */
  List<Share> list(String username, int offset, int limit, boolean ascending);

  /**
   * Replaces the owner-editable fields (name, description, scope, paths, expiry, password, max
   * tokens, networks, update time) of the share {@code share.id()} owned by {@code share.username()}.
   *
   * @return false if no such share of that owner exists
   */
  boolean update(Share share);

  /**
   * Deletes the share {@code id} of {@code username}.
   *
   * @return false if no such share of that owner exists
   */
  boolean delete(String id, String username);

  /**
   * Counts one use of {@code id} at {@code when}, atomically, unless its tokens are used up: of two
   * concurrent uses of the last token exactly one succeeds.
   *
   * @return false if the share does not exist or has no token left
   */
  boolean use(String id, Instant when);
}
