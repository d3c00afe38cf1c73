package ferry.core.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with the master key. Each value gets a fresh 12-byte nonce stored in front of the
 * ciphertext; the secret's name is bound as associated data, so a ciphertext copied to another
 * name does not decrypt.
 */
public final class SecretCipher {
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  /** @param masterKey 32 bytes */
  public SecretCipher(byte[] masterKey) {
    if (masterKey.length != 32) throw new IllegalArgumentException("the master key must be 32 bytes");
    this.key = new SecretKeySpec(masterKey.clone(), "AES");
  }

  public byte[] encrypt(String name, String plaintext) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      byte[] body = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE + body.length).put(nonce).put(body).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** @throws IllegalStateException when the value was sealed with another master key or altered */
  public String decrypt(String name, byte[] sealed) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
      c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(sealed, NONCE, sealed.length - NONCE), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "secret '" + name + "' cannot be decrypted: the master key differs from the one that stored it", e);
    }
  }
}
