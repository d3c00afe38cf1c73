package ferry.core.account;

import static java.util.Objects.requireNonNull;

import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What a file-server user changes about itself: its profile (e-mail, description, public keys,
 * whether API keys may act as it) and its password. Every change is stored on the user, so the
 * next SFTP, SCP or HTTP login sees it.
 */
public final class UserProfiles {
  /** The reference API's UserProfile. */
  public record Profile(String email, String description, List<String> publicKeys, boolean allowApiKeyAuth) {
    public Profile {
      publicKeys = List.copyOf(publicKeys);
    }
  }

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final StoredPasswords passwords;
  private final Clock clock;

  public UserProfiles(UserRepository users, PasswordHasher hasher, Clock clock) {
    this.users = requireNonNull(users, "No user repository");
    this.hasher = requireNonNull(hasher, "No hasher");
    this.passwords = new StoredPasswords(hasher);
    this.clock = requireNonNull(clock, "No clock");
  }

  /** The profile of {@code username} as stored (not merged with its groups). */
  public Profile profile(String username) {
    User u = stored(username);
    return new Profile(u.email(), u.description(), u.publicKeys(), u.filters().allowApiKeyAuth());
  }

  /**
   * Replaces the profile; a field sent as null keeps its value.
   *
   * @throws ValidationException for an invalid e-mail or public key, or when the user would be left
   *     with neither a password nor a key
   */
  public void update(String username, String email, String description, List<String> publicKeys,
      Boolean allowApiKeyAuth) {
    User u = stored(username);
    String mail = email == null ? u.email() : email.trim();
    if (!mail.isEmpty() && !mail.matches("[^@\\s]+@[^@\\s]+"))
      throw new ValidationException("email is not an e-mail address: '" + mail + "'");
    List<String> keys = publicKeys == null ? u.publicKeys() : PublicKeys.validate("public_keys", publicKeys);
    if (!u.hasPassword() && keys.isEmpty())
      throw new ValidationException("public_keys: a user without a password needs at least one public key");
    UserFilters f = u.filters();
    UserFilters filters = allowApiKeyAuth == null ? f : new UserFilters(f.allowedIp(), f.deniedIp(),
        f.deniedLoginMethods(), f.deniedProtocols(), f.filePatterns(), f.maxUploadFileSize(), f.bandwidthLimits(),
        allowApiKeyAuth, f.startDirectory());
    users.update(new User(u.id(), u.username(), u.status(), mail,
        description == null ? u.description() : description, u.expirationDate(), u.passwordHash(), keys, u.homeDir(),
        u.permissions(), u.quotaSize(), u.quotaFiles(), u.uploadBandwidth(), u.downloadBandwidth(), u.maxSessions(),
        filters, u.filesystem(), u.groups(), u.virtualFolders(), u.additionalInfo(), u.usage(), u.lastLogin(),
        u.passwordChangedAt(), u.createdAt(), clock.instant()));
  }

  /**
   * Sets a new password once the current one is proven.
   *
   * @throws ValidationException when a password is missing, the current one does not match, or the
   *     new one equals it
   */
  public void changePassword(String username, String current, String next) {
    if (current == null || current.isEmpty() || next == null || next.isEmpty())
      throw new ValidationException("send current_password and new_password");
    User u = stored(username);
    if (!passwords.matches(current, u.passwordHash()))
      throw new ValidationException("current_password does not match");
    if (current.equals(next)) throw new ValidationException("new_password must differ from the current password");
    Instant now = clock.instant();
    users.update(new User(u.id(), u.username(), u.status(), u.email(), u.description(), u.expirationDate(),
        hasher.hash(next), u.publicKeys(), u.homeDir(), u.permissions(), u.quotaSize(), u.quotaFiles(),
        u.uploadBandwidth(), u.downloadBandwidth(), u.maxSessions(), u.filters(), u.filesystem(), u.groups(),
        u.virtualFolders(), u.additionalInfo(), u.usage(), u.lastLogin(), now, u.createdAt(), now));
  }

  private User stored(String username) {
    return users.find(username).orElseThrow(() -> new NotFoundException("no user named '" + username + "'"));
  }
}
