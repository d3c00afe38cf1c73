package ferry.core.folder;

import ferry.core.error.ValidationException;
import ferry.core.secret.SecretCipher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reference API's {@code Secret} objects inside a filesystem config: a {@code Plain} payload
 * is sealed when saved, answers never carry a payload, and {@code Redacted} (or a sealed status
 * without payload) keeps the stored value. Besides the fields Ferry uses ({@link #FIELDS}), any
 * object shaped like a Secret anywhere in the config (e.g. a {@code gcsconfig.credentials} sent for
 * another provider) is sealed and redacted alike, so no secret is ever shown in clear (issue 12).
 */
final class FolderSecrets {
  static final String SEALED = "AES-256-GCM";
  /** Where secrets live in a FilesystemConfig: section, then field. */
  static final Map<String, List<String>> FIELDS = Map.of(
      "s3config", List.of("access_secret"),
      "sftpconfig", List.of("password", "private_key", "key_passphrase"),
      "ftpconfig", List.of("password"));
  /** The reference's Secret status values and fields, by which a Secret is recognised. */
  private static final Set<String> STATUSES =
      Set.of("Plain", SEALED, "Secretbox", "GCP", "AWS", "VaultTransit", "AzureKeyVault", "Redacted");
  private static final Set<String> SECRET_FIELDS = Set.of("status", "payload", "key", "additional_data", "mode");
  private static final String AAD = "folder-secret";

  private final SecretCipher cipher;

  FolderSecrets(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /** Seals the Plain secrets of {@code fs}; secrets sent back unchanged keep {@code previous}'s value. */
  Map<String, Object> seal(Map<String, Object> fs, Map<String, Object> previous) {
    return walk(fs, List.of(), (path, secret) -> {
      String status = String.valueOf(secret.getOrDefault("status", ""));
      String payload = secret.get("payload") == null ? "" : String.valueOf(secret.get("payload"));
      return switch (status) {
        case "Plain" -> payload.isEmpty() ? null : sealed(cipher.encrypt(AAD, payload));
        case "Redacted", SEALED, "" -> stored(previous, path).orElse(null);
        default -> throw new ValidationException("filesystem." + String.join(".", path)
            + ".status must be \"Plain\" (a new value) or \"Redacted\" (keep the stored one), got \"" + status + "\"");
      };
    });
  }

  /**
   * The config as answers show it: every secret as the reference's full Secret object, its status
   * {@value #SEALED} and its payload, key and additional data empty.
   */
  Map<String, Object> redact(Map<String, Object> fs) {
    return walk(fs, List.of(), (path, secret) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", SEALED);
      m.put("payload", "");
      m.put("key", "");
      m.put("additional_data", "");
      m.put("mode", 0);
      return m;
    });
  }

  /** The plaintext of one secret of a stored config, or empty. */
  Optional<String> reveal(Map<String, Object> fs, String section, String field) {
    return stored(fs, List.of(section, field))
        .map(s -> cipher.decrypt(AAD, Base64.getDecoder().decode(String.valueOf(s.get("payload")))));
  }

  private static Map<String, Object> sealed(byte[] bytes) {
    return Map.of("status", SEALED, "payload", Base64.getEncoder().encodeToString(bytes));
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> stored(Map<String, Object> fs, List<String> path) {
    Object node = fs;
    for (String k : path) {
      if (!(node instanceof Map<?, ?> m)) return Optional.empty();
      node = m.get(k);
    }
    if (!(node instanceof Map<?, ?> secret)) return Optional.empty();
    return secret.get("payload") == null || String.valueOf(secret.get("payload")).isEmpty()
        ? Optional.empty()
        : Optional.of((Map<String, Object>) secret);
  }

  private interface SecretRewrite {
    /** The new secret object, or null to drop the field. */
    Map<String, Object> apply(List<String> path, Map<String, Object> secret);
  }

  private static boolean isKnownField(List<String> path) {
    return path.size() == 2 && FIELDS.getOrDefault(path.get(0), List.of()).contains(path.get(1));
  }

  private static boolean looksLikeSecret(Map<?, ?> m) {
    return m.get("status") instanceof String s && STATUSES.contains(s) && SECRET_FIELDS.containsAll(m.keySet());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> walk(Map<String, Object> node, List<String> path, SecretRewrite rewrite) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : node.entrySet()) {
      List<String> p = new ArrayList<>(path);
      p.add(e.getKey());
      Object v = e.getValue();
      if (isKnownField(p) && v != null && !(v instanceof Map<?, ?>))
        throw new ValidationException("filesystem." + String.join(".", p)
            + " must be a secret object {\"status\": \"Plain\", \"payload\": \"...\"}");
      if (v instanceof Map<?, ?> m && (isKnownField(p) || looksLikeSecret(m))) {
        Map<String, Object> replaced = rewrite.apply(p, (Map<String, Object>) m);
        if (replaced != null) out.put(e.getKey(), replaced);
      } else if (v instanceof Map<?, ?> m) {
        out.put(e.getKey(), walk((Map<String, Object>) m, p, rewrite));
      } else {
        out.put(e.getKey(), v);
      }
    }
    return out;
  }
}
