package ferry.sftpd.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import javax.crypto.AEADBadTagException;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.ChaCha20Cipher;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.cipher.Cipher.Mode;
import org.apache.sshd.common.mac.Poly1305Mac;
import org.junit.jupiter.api.Test;

/** Against RFC 8439's vector and, byte for byte, against MINA's own implementation. */
class ChaCha20Poly1305CipherTest {
  private static final HexFormat HEX = HexFormat.of();
  private final SplittableRandom random = new SplittableRandom(4711);

  @Test
  void poly1305MatchesTheRfc8439Vector() {
    Poly1305 p = new Poly1305();
    p.init(HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b"), 0);
    byte[] msg = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
    p.update(msg, 0, msg.length);
    byte[] tag = new byte[16];
    p.finish(tag, 0);
    assertThat(HEX.formatHex(tag)).isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
  }

  @Test
  void poly1305MatchesMinaForRandomAndExtremeInputsInAnyChunking() throws Exception {
    Poly1305 mine = new Poly1305();
    for (int round = 0; round < 3000; round++) {
      byte[] key = bytes(32, round % 3 == 0);
      byte[] msg = bytes(random.nextInt(0, 600), round % 5 == 0);
      Poly1305Mac mina = new Poly1305Mac();
      mina.init(key);
      mina.update(msg, 0, msg.length);
      byte[] expected = new byte[16];
      mina.doFinal(expected, 0);

      mine.init(key, 0);
      int off = 0;
      while (off < msg.length) {
        int n = Math.min(msg.length - off, random.nextInt(1, 70));
        mine.update(msg, off, n);
        off += n;
      }
      byte[] actual = new byte[16];
      mine.finish(actual, 0);
      assertThat(HEX.formatHex(actual)).as("round %d, %d bytes", round, msg.length).isEqualTo(HEX.formatHex(expected));
    }
  }

  @Test
  void packetsMatchMinaByteForByteInBothDirections() throws Exception {
    for (long firstSeq : new long[] {0, 3, 0x7ffffff0L, 0xffffffe0L}) {
      byte[] key = bytes(64, false);
      Cipher minaOut = new ChaCha20Cipher();
      Cipher mineOut = FastCiphers.CHACHA20_POLY1305.create();
      Cipher minaIn = new ChaCha20Cipher();
      Cipher mineIn = FastCiphers.CHACHA20_POLY1305.create();
      minaOut.init(Mode.Encrypt, key, seq(firstSeq));
      mineOut.init(Mode.Encrypt, key, seq(firstSeq));
      minaIn.init(Mode.Decrypt, key, seq(firstSeq));
      mineIn.init(Mode.Decrypt, key, seq(firstSeq));
      for (int packet = 0; packet < 40; packet++) {
        int payload = 8 * random.nextInt(1, packet % 10 == 0 ? 4200 : 40) + 4; // length field + payload = 8k
        byte[] plain = packet(payload);
        byte[] a = plain.clone();
        byte[] b = plain.clone();
        minaOut.updateWithAAD(a, 0, 4, payload);
        mineOut.updateWithAAD(b, 0, 4, payload);
        assertThat(HEX.formatHex(b)).as("seq %d + %d", firstSeq, packet).isEqualTo(HEX.formatHex(a));

        // MINA decrypts what Ferry encrypted, and Ferry what MINA encrypted
        decrypt(minaIn, b, payload);
        decrypt(mineIn, a, payload);
        assertThat(Arrays.copyOf(b, 4 + payload)).isEqualTo(Arrays.copyOf(plain, 4 + payload));
        assertThat(Arrays.copyOf(a, 4 + payload)).isEqualTo(Arrays.copyOf(plain, 4 + payload));
      }
    }
  }

  @Test
  void aTamperedPacketIsRejected() throws Exception {
    byte[] key = bytes(64, false);
    for (int where : new int[] {1, 4, 40, 4 + 36, 4 + 36 + 15}) {
      Cipher out = FastCiphers.CHACHA20_POLY1305.create();
      Cipher in = FastCiphers.CHACHA20_POLY1305.create();
      out.init(Mode.Encrypt, key, seq(7));
      in.init(Mode.Decrypt, key, seq(7));
      byte[] p = packet(36);
      out.updateWithAAD(p, 0, 4, 36);
      p[where] ^= 0x01;
      assertThatThrownBy(() -> decrypt(in, p, 36)).as("flipped byte %d", where).isInstanceOf(AEADBadTagException.class);
    }
  }

  @Test
  void aPacketFromAnotherSequenceNumberIsRejected() throws Exception {
    byte[] key = bytes(64, false);
    Cipher out = FastCiphers.CHACHA20_POLY1305.create();
    Cipher in = FastCiphers.CHACHA20_POLY1305.create();
    out.init(Mode.Encrypt, key, seq(7));
    in.init(Mode.Decrypt, key, seq(8));
    byte[] p = packet(36);
    out.updateWithAAD(p, 0, 4, 36);
    assertThatThrownBy(() -> decrypt(in, p, 36)).isInstanceOf(AEADBadTagException.class);
  }

  @Test
  void theFactoryDescribesTheCipherAndReplacesMinasInTheDefaults() {
    Cipher c = FastCiphers.CHACHA20_POLY1305.create();
    Cipher mina = BuiltinCiphers.cc20p1305_openssh.create();
    assertThat(FastCiphers.CHACHA20_POLY1305.getName()).isEqualTo(BuiltinCiphers.cc20p1305_openssh.getName());
    assertThat(List.of(c.getAlgorithm(), c.getIVSize(), c.getAuthenticationTagSize(), c.getCipherBlockSize(),
        c.getKdfSize(), c.getKeySize())).isEqualTo(List.of(mina.getAlgorithm(), mina.getIVSize(),
        mina.getAuthenticationTagSize(), mina.getCipherBlockSize(), mina.getKdfSize(), mina.getKeySize()));
    List<NamedFactory<Cipher>> defaults = FastCiphers.defaults();
    assertThat(defaults).contains(FastCiphers.CHACHA20_POLY1305).doesNotContain(BuiltinCiphers.cc20p1305_openssh);
    assertThat(defaults.stream().map(NamedFactory::getName).toList())
        .isEqualTo(org.apache.sshd.common.BaseBuilder.setUpDefaultCiphers(true).stream().map(NamedFactory::getName).toList());
  }

  private static void decrypt(Cipher c, byte[] packet, int payload) throws Exception {
    c.updateAAD(packet, 0, 4);
    c.update(packet, 4, payload);
  }

  /** A packet buffer: 4-byte length, payload, room for the tag. */
  private byte[] packet(int payload) {
    byte[] p = new byte[4 + payload + 16];
    p[0] = (byte) (payload >>> 24);
    p[1] = (byte) (payload >>> 16);
    p[2] = (byte) (payload >>> 8);
    p[3] = (byte) payload;
    for (int i = 4; i < 4 + payload; i++) p[i] = (byte) random.nextInt(256);
    return p;
  }

  private byte[] bytes(int n, boolean allOnes) {
    byte[] b = new byte[n];
    if (allOnes) Arrays.fill(b, (byte) 0xff);
    else for (int i = 0; i < n; i++) b[i] = (byte) random.nextInt(256);
    return b;
  }

  /** The IV as MINA passes it: the derived IV (as long as the exchange hash) with the sequence number in front. */
  private static byte[] seq(long s) {
    byte[] iv = new byte[32];
    Arrays.fill(iv, (byte) 0x5a);
    for (int i = 0; i < 8; i++) iv[i] = (byte) (s >>> (56 - 8 * i));
    return iv;
  }
}
