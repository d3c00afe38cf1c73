package ferry.core.folder;

import ferry.core.error.ValidationException;
import ferry.core.secret.SecretCipher;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference API's {@code Secret} objects inside a filesystem config: a {@code Plain} payload
 * is sealed when saved, answers never carry a payload, and {@code Redacted} (or a sealed status
 * without payload) keeps the stored value.
 */
final class FolderSecrets {
  static final String SEALED = "AES-256-GCM";
  /** Where secrets live in a FilesystemConfig: section, then field. */
  static final Map<String, List<String>> FIELDS = Map.of(
      "s3config", List.of("access_secret"),
      "sftpconfig", List.of("password", "private_key", "key_passphrase"),
      "ftpconfig", List.of("password"));
  private static final String AAD = "folder-secret";

  private final SecretCipher cipher;

  FolderSecrets(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /** Seals the Plain secrets of {@code fs}; secrets sent back unchanged keep {@code previous}'s value. */
  Map<String, Object> seal(Map<String, Object> fs, Map<String, Object> previous) {
    return eachSecret(fs, (section, field, secret) -> {
      String status = String.valueOf(secret.getOrDefault("status", ""));
      String payload = secret.get("payload") == null ? "" : String.valueOf(secret.get("payload"));
      return switch (status) {
        case "Plain" -> payload.isEmpty() ? null : sealed(cipher.encrypt(AAD, payload));
        case "Redacted", SEALED, "" -> stored(previous, section, field).orElse(null);
        default -> throw new ValidationException(
            "filesystem." + section + "." + field + ".status must be \"Plain\" (a new value) or \"Redacted\" (keep the stored one), got \"" + status + "\"");
      };
    });
  }

  /** The config as answers show it: sealed secrets without their payload. */
  Map<String, Object> redact(Map<String, Object> fs) {
    return eachSecret(fs, (section, field, secret) -> Map.of("status", SEALED));
  }

  /** The plaintext of one secret of a stored config, or empty. */
  Optional<String> reveal(Map<String, Object> fs, String section, String field) {
    return stored(fs, section, field)
        .map(s -> cipher.decrypt(AAD, Base64.getDecoder().decode(String.valueOf(s.get("payload")))));
  }

  private static Map<String, Object> sealed(byte[] bytes) {
    return Map.of("status", SEALED, "payload", Base64.getEncoder().encodeToString(bytes));
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> stored(Map<String, Object> fs, String section, String field) {
    if (fs == null || !(fs.get(section) instanceof Map<?, ?> s) || !(s.get(field) instanceof Map<?, ?> secret))
      return Optional.empty();
    return secret.get("payload") == null || String.valueOf(secret.get("payload")).isEmpty()
        ? Optional.empty()
        : Optional.of((Map<String, Object>) secret);
  }

  private interface SecretRewrite {
    /** The new secret object, or null to drop the field. */
    Map<String, Object> apply(String section, String field, Map<String, Object> secret);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> eachSecret(Map<String, Object> fs, SecretRewrite rewrite) {
    Map<String, Object> out = new LinkedHashMap<>(fs);
    FIELDS.forEach((section, fields) -> {
      if (!(fs.get(section) instanceof Map<?, ?> s)) return;
      Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) s);
      for (String field : fields) {
        Object v = copy.get(field);
        if (v == null) continue;
        if (!(v instanceof Map<?, ?> secret))
          throw new ValidationException("filesystem." + section + "." + field
              + " must be a secret object {\"status\": \"Plain\", \"payload\": \"...\"}");
        Map<String, Object> replaced = rewrite.apply(section, field, (Map<String, Object>) secret);
        if (replaced == null) copy.remove(field);
        else copy.put(field, replaced);
      }
      out.put(section, copy);
    });
    return out;
  }
}
