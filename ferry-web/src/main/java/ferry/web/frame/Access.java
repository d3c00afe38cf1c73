package ferry.web.frame;

/** Who may call a web route. */
public enum Access {
  /** Anyone: login pages, public shares. Mutations still need the pre-login CSRF token. */
  PUBLIC,
  /** A logged-in admin past the second factor (console pages). */
  ADMIN,
  /** An admin between password and second factor (the TOTP step only). */
  ADMIN_MFA,
  /** A logged-in file-server user past the second factor (web client pages). */
  USER,
  /** A user between password and second factor. */
  USER_MFA
}
