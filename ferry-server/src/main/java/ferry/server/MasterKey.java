package ferry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The 32-byte key that seals secrets: from FERRY_MASTER_KEY when set (nodes sharing a database
 * must share it), otherwise {@code master.key} in the data dir, created at first start.
 */
final class MasterKey {
  private MasterKey() {}

  static byte[] load(DataDir dir, String fromEnv) {
    if (fromEnv != null && !fromEnv.isBlank()) return decode(fromEnv.trim(), "FERRY_MASTER_KEY");
    try {
      if (Files.exists(dir.masterKey())) return decode(Files.readString(dir.masterKey()).trim(), dir.masterKey().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.masterKey() + ": " + e.getMessage(), e);
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    DataDir.writePrivate(dir.masterKey(), Base64.getEncoder().encodeToString(key) + "\n");
    return key;
  }

  private static byte[] decode(String b64, String where) {
    byte[] k;
    try {
      k = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is not base64");
    }
    if (k.length != 32) throw new IllegalArgumentException(where + " must hold 32 bytes (base64), found " + k.length);
    return k;
  }
}
