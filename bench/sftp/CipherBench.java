import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.ChaCha20Cipher;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.cipher.Cipher.Mode;
import ferry.sftpd.crypto.FastCiphers;

/**
 * Packet-cipher throughput as MINA's session code drives it (updateWithAAD to seal, updateAAD +
 * update to open): MINA's chacha20-poly1305, Ferry's, and MINA's aes128-gcm for scale. Single
 * thread, no JMH: warm-up rounds, then the median of the timed rounds. Times are the thread's CPU
 * time, so that other load on the machine disturbs the numbers less. Run by bench/sftp/cipher.sh.
 */
public class CipherBench {
  record Impl(String name, Supplier<Cipher> factory) {}

  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<Impl> impls = List.of(
        new Impl("MINA chacha20-poly1305", ChaCha20Cipher::new),
        new Impl("Ferry chacha20-poly1305", FastCiphers.CHACHA20_POLY1305::create),
        new Impl("MINA aes128-gcm (JDK)", BuiltinCiphers.aes128gcm::create));
    System.out.printf(Locale.ROOT, "%s, %d MiB per round, median of %d rounds after warm-up, MiB per CPU second%n",
        Runtime.version(), mib, rounds);
    System.out.printf(Locale.ROOT, "%-26s %8s %12s %12s%n", "cipher", "packet", "seal MiB/s", "open MiB/s");
    for (int packet : new int[] {32 * 1024, 256 * 1024, 1024}) {
      for (Impl impl : impls) {
        double[] r = measure(impl, packet, mib, rounds);
        System.out.printf(Locale.ROOT, "%-26s %8d %12.0f %12.0f%n", impl.name(), packet, r[0], r[1]);
      }
    }
  }

  static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  static double[] measure(Impl impl, int payload, int mib, int rounds) throws Exception {
    SplittableRandom rnd = new SplittableRandom(1);
    byte[] key = new byte[64];
    byte[] iv = new byte[impl.factory().get().getIVSize()];
    for (int i = 0; i < key.length; i++) key[i] = (byte) rnd.nextInt(256);
    for (int i = 0; i < iv.length; i++) iv[i] = (byte) rnd.nextInt(256);
    if (impl.name().contains("chacha")) iv = new byte[8];
    int packets = (int) ((long) mib * 1024 * 1024 / payload);
    List<Double> seal = new ArrayList<>();
    List<Double> open = new ArrayList<>();
    for (int round = 0; round < rounds + 3; round++) {
      Cipher out = impl.factory().get();
      Cipher in = impl.factory().get();
      out.init(Mode.Encrypt, key.clone(), iv.clone());
      in.init(Mode.Decrypt, key.clone(), iv.clone());
      byte[][] packetsOut = new byte[packets][];
      for (int p = 0; p < packets; p++) {
        byte[] buf = new byte[4 + payload + 16];
        buf[0] = (byte) (payload >>> 24);
        buf[1] = (byte) (payload >>> 16);
        buf[2] = (byte) (payload >>> 8);
        buf[3] = (byte) payload;
        packetsOut[p] = buf;
      }
      long t0 = CPU.getCurrentThreadCpuTime();
      for (byte[] buf : packetsOut) out.updateWithAAD(buf, 0, 4, payload);
      long t1 = CPU.getCurrentThreadCpuTime();
      for (byte[] buf : packetsOut) {
        in.updateAAD(buf, 0, 4);
        in.update(buf, 4, payload);
      }
      long t2 = CPU.getCurrentThreadCpuTime();
      long sealNanos = t1 - t0;
      long openNanos = t2 - t1;
      if (round >= 3) {
        seal.add(mib / (sealNanos / 1e9));
        open.add(mib / (openNanos / 1e9));
      }
    }
    return new double[] {median(seal), median(open)};
  }

  static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    return s.get(s.size() / 2);
  }
}
