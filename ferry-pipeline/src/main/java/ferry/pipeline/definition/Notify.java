package ferry.pipeline.definition;

/** Webhooks told when a run ends: on success, on failure (either may be null). */
public record Notify(Webhook onSuccess, Webhook onFailure) {
  public static final Notify NONE = new Notify(null, null);

  /**
   * A JSON POST to {@code url}; with {@code secret} (a secrets-store name) its body is signed
   * with HMAC-SHA256 in the {@code X-Ferry-Signature: sha256=<hex>} header.
   */
  public record Webhook(String url, String secret) {}
}
