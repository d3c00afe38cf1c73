package ferry.core.share;

import java.time.Instant;
import java.util.List;

/**
 * What an owner sends to create or replace a share.
 *
 * @param scope the API number (1 read, 2 write, 3 both)
 * @param expiresAt null or the epoch for no expiry
 * @param password null or empty for none; {@link #KEEP_PASSWORD} keeps the current one on update
 * @param allowFrom CIDR networks; empty for any
 */
public record ShareInput(
    String name,
    String description,
    int scope,
    List<String> paths,
    Instant expiresAt,
    String password,
    int maxTokens,
    List<String> allowFrom) {
  /** The reference's placeholder for "a password is set, keep it". */
  public static final String KEEP_PASSWORD = "[**redacted**]";

  public ShareInput {
    paths = paths == null ? List.of() : List.copyOf(paths);
    allowFrom = allowFrom == null ? List.of() : List.copyOf(allowFrom);
  }
}
