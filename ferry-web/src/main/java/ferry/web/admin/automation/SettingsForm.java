package ferry.web.admin.automation;

/** The settings form's values as shown (numbers as typed, so a refused one stays in its field). */
public record SettingsForm(boolean allowCliRun, String rateLimitPublic, String rateLimitAuthenticated,
    String rateLimitAgent) {
  /** The typed value of a rate-limit field by its form name. */
  public String value(String field) {
    return switch (field) {
      case "rateLimitPublic" -> rateLimitPublic;
      case "rateLimitAuthenticated" -> rateLimitAuthenticated;
      case "rateLimitAgent" -> rateLimitAgent;
      default -> throw new IllegalArgumentException("no setting " + field);
    };
  }
}
