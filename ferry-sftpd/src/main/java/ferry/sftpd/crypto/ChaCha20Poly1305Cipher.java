package ferry.sftpd.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.cipher.Cipher;

/**
 * OpenSSH's {@code chacha20-poly1305@openssh.com} (PROTOCOL.chacha20poly1305) on the JDK's
 * intrinsified ChaCha20 and a 64-bit-limb {@link Poly1305}, as a drop-in for MINA's pure-Java
 * {@code ChaCha20Cipher}: MINA calls {@link #updateAAD} with the 4-byte packet length, then {@link
 * #update} with the rest of the packet, followed in the buffer by room for (or the received) 16-byte
 * tag, and the cipher advances the sequence number itself after each packet.
 *
 * <p>The 64 key bytes are K_2 (payload and Poly1305 key) then K_1 (length). OpenSSH's 64-bit nonce
 * is the 32-bit sequence number, big-endian in eight bytes; the JDK's IETF ChaCha20 takes it as a
 * 12-byte nonce of four zero bytes and those eight, which is the same state while the block counter
 * stays below 2^32 (packets are far smaller). The Poly1305 key is the first half of K_2's block 0
 * and the payload starts at block 1, so one initialisation per packet serves both: the keystream
 * just runs on.
 */
final class ChaCha20Poly1305Cipher implements Cipher {
  static final String ALGORITHM = "ChaCha20";
  private static final int KEY_BYTES = 32;
  private static final int BLOCK_BYTES = 64;
  private static final byte[] ZERO_BLOCK = new byte[BLOCK_BYTES];

  private final javax.crypto.Cipher header;
  private final javax.crypto.Cipher body;
  private final Poly1305 poly = new Poly1305();
  private final byte[] nonce = new byte[12];
  private final byte[] polyBlock = new byte[BLOCK_BYTES];
  private final byte[] tag = new byte[Poly1305.TAG_BYTES];
  private SecretKeySpec headerKey;
  private SecretKeySpec bodyKey;
  private Mode mode;
  private long seq;
  private long initialSeq;
  private boolean inPacket;

  ChaCha20Poly1305Cipher() {
    try {
      this.header = javax.crypto.Cipher.getInstance(ALGORITHM);
      this.body = javax.crypto.Cipher.getInstance(ALGORITHM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no ChaCha20 cipher", e);
    }
  }

  @Override
  public void init(Mode mode, byte[] key, byte[] iv) {
    if (key.length < 2 * KEY_BYTES) throw new IllegalArgumentException("chacha20-poly1305 needs 64 key bytes, got " + key.length);
    // MINA hands over the whole derived IV with the sequence number written into its first 8 bytes
    if (iv.length < 8) throw new IllegalArgumentException("chacha20-poly1305 takes the 8-byte sequence number as IV, got " + iv.length);
    this.mode = mode;
    this.bodyKey = new SecretKeySpec(key, 0, KEY_BYTES, ALGORITHM);
    this.headerKey = new SecretKeySpec(key, KEY_BYTES, KEY_BYTES, ALGORITHM);
    long s = 0;
    for (int i = 0; i < 8; i++) s = (s << 8) | (iv[i] & 0xff);
    if ((s >>> 32) != 0) throw new IllegalArgumentException("chacha20-poly1305 IV is not a 32-bit SSH sequence number");
    this.seq = s;
    this.initialSeq = s;
    this.inPacket = false;
  }

  /** Encrypts or decrypts the 4-byte packet length in place and starts the packet's tag. */
  @Override
  public void updateAAD(byte[] data, int offset, int length) throws Exception {
    if (mode == null) throw new IllegalStateException("cipher not initialised");
    if (length != 4) throw new IllegalArgumentException("chacha20-poly1305 authenticates only the 4-byte packet length, got " + length);
    for (int i = 0; i < 8; i++) nonce[4 + i] = (byte) (seq >>> (56 - 8 * i));
    ChaCha20ParameterSpec spec = new ChaCha20ParameterSpec(nonce, 0);
    // DECRYPT in both directions: ChaCha20 is its own inverse, and only ENCRYPT refuses to reuse a
    // key and nonce, which the payload's run-on keystream needs per packet.
    body.init(javax.crypto.Cipher.DECRYPT_MODE, bodyKey, spec);
    body.update(ZERO_BLOCK, 0, BLOCK_BYTES, polyBlock, 0);
    poly.init(polyBlock, 0);
    Arrays.fill(polyBlock, (byte) 0);
    if (mode == Mode.Decrypt) poly.update(data, offset, length);
    header.init(javax.crypto.Cipher.DECRYPT_MODE, headerKey, spec);
    header.update(data, offset, length, data, offset);
    if (mode == Mode.Encrypt) poly.update(data, offset, length);
    inPacket = true;
  }

  /**
   * Encrypts the payload in place and writes the tag after it, or checks the tag after it and
   * decrypts in place; then moves to the next sequence number.
   *
   * @throws AEADBadTagException when a received packet's tag does not match
   */
  @Override
  public void update(byte[] input, int inputOffset, int inputLen) throws Exception {
    if (!inPacket) throw new IllegalStateException("chacha20-poly1305 needs the packet length (updateAAD) first");
    inPacket = false;
    if (mode == Mode.Decrypt) {
      poly.update(input, inputOffset, inputLen);
      poly.finish(tag, 0);
      if (!equal(tag, input, inputOffset + inputLen)) throw new AEADBadTagException("chacha20-poly1305 tag mismatch");
      body.update(input, inputOffset, inputLen, input, inputOffset);
    } else {
      body.update(input, inputOffset, inputLen, input, inputOffset);
      poly.update(input, inputOffset, inputLen);
      poly.finish(input, inputOffset + inputLen);
    }
    // SSH sequence numbers are 32 bits and wrap (RFC 4253 6.4), as in OpenSSH and MINA
    seq = (seq + 1) & 0xffffffffL;
    if (seq == initialSeq) throw new IllegalStateException("chacha20-poly1305 sequence number wrapped; the key must be renewed");
  }

  private static boolean equal(byte[] expected, byte[] actual, int off) {
    int diff = 0;
    for (int i = 0; i < expected.length; i++) diff |= expected[i] ^ actual[off + i];
    return diff == 0;
  }

  @Override
  public String getAlgorithm() {
    // MINA puts the sequence number into the IV only for algorithms whose name starts with "ChaCha".
    return ALGORITHM;
  }

  @Override
  public String getTransformation() {
    return ALGORITHM;
  }

  @Override
  public int getIVSize() {
    return 8;
  }

  @Override
  public int getAuthenticationTagSize() {
    return Poly1305.TAG_BYTES;
  }

  @Override
  public int getCipherBlockSize() {
    return 8;
  }

  @Override
  public int getKdfSize() {
    return 2 * KEY_BYTES;
  }

  @Override
  public int getKeySize() {
    return 512;
  }

  @Override
  public String toString() {
    return "chacha20-poly1305@openssh.com (JDK ChaCha20)";
  }
}
