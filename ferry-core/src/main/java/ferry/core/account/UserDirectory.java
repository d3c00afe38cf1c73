package ferry.core.account;

import java.util.Optional;

/** How front ends (SFTP, HTTP) authenticate file-server users. Implemented by the user service. */
public interface UserDirectory {
  /**
   * Finds a user who may log in now.
   *
   * @param username the login name
   * @return the user with group settings merged, or empty if unknown, disabled or expired
   */
  Optional<LoginUser> findLoginUser(String username);

  /**
   * Checks a password against the user's stored hash.
   *
   * @return false also when the user has no password
   */
  boolean checkPassword(LoginUser user, String password);

  /**
   * Checks the source address against the user's allowed and denied CIDRs.
   *
   * @return true if a login from {@code ip} is allowed
   */
  boolean allowsAddress(LoginUser user, String ip);

  /**
   * Whether an API key may act as {@code username}: its {@code allow_api_key_auth}, or one of its
   * groups'.
   *
   * @return false also for an unknown user
   */
  default boolean allowsApiKeys(String username) {
    return false;
  }

  /** Notes a successful login (last-login time; written at most every few minutes). */
  void loggedIn(String username);
}
