package ferry.core.account;

import ferry.core.error.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Checks public keys in OpenSSH authorized_keys format: {@code type base64 [comment]}. */
final class PublicKeys {
  static final Set<String> TYPES = Set.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
      "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com");

  private PublicKeys() {}

  /** The keys trimmed, each checked: a known type and a key blob that names the same type. */
  static List<String> validate(String field, List<String> keys) {
    List<String> out = new ArrayList<>();
    if (keys == null) return out;
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(i) == null ? "" : keys.get(i).trim();
      String at = field + "[" + i + "]";
      String[] parts = k.split("\\s+", 3);
      if (parts.length < 2)
        throw new ValidationException(at + " is not an OpenSSH public key; expected 'ssh-ed25519 AAAA... comment'");
      if (!TYPES.contains(parts[0]))
        throw new ValidationException(at + ": unsupported key type '" + abbreviate(parts[0]) + "'; use one of "
            + String.join(", ", TYPES.stream().sorted().toList()));
      byte[] blob;
      try {
        blob = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new ValidationException(at + ": the key data is not valid base64");
      }
      if (!parts[0].equals(blobType(blob)))
        throw new ValidationException(at + ": the key data is not a " + parts[0] + " key");
      out.add(k);
    }
    return out;
  }

  private static String blobType(byte[] blob) {
    if (blob.length < 4) return null;
    ByteBuffer b = ByteBuffer.wrap(blob);
    int len = b.getInt();
    if (len <= 0 || len > 64 || len > b.remaining()) return null;
    return new String(blob, 4, len, StandardCharsets.US_ASCII);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
