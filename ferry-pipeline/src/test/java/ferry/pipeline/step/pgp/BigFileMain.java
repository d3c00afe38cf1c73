package ferry.pipeline.step.pgp;

import ferry.pipeline.step.TestContext;
import ferry.pipeline.step.WorkFile;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Run in a child JVM with a heap smaller than the file (see PgpLargeFileTest): writes a CSV of
 * {@code args[1]} MiB, takes it through gzip, pgp-encrypt (signed), pgp-decrypt (verified) and
 * gunzip, and prints "sha256 in out" and the peak heap used in MiB.
 */
public final class BigFileMain {
  private BigFileMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long size = Long.parseLong(args[1]) << 20;
    TestContext ctx =
        new TestContext(dir)
            .secret("pub", Files.readString(dir.resolve("pub.asc")))
            .secret("key", Files.readString(dir.resolve("key.asc")))
            .secret("pass", Files.readString(dir.resolve("pass.txt")));
    Path src = dir.resolve("src/big.csv");
    Files.createDirectories(src.getParent());
    String inSha = write(src, size);
    WorkFile in = new WorkFile(src, "big.csv", Files.size(src), null, "/big.csv");
    List<WorkFile> gz = ctx.run(List.of(in), "gzip");
    List<WorkFile> enc = ctx.run(gz, "pgp-encrypt", "recipients", List.of("pub"), "sign_with", "key", "passphrase", "pass");
    List<WorkFile> dec = ctx.run(enc, "pgp-decrypt", "private_key", "key", "passphrase", "pass", "verify_with", List.of("pub"));
    List<WorkFile> out = ctx.run(dec, "gunzip");
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
    }
    System.out.println("sha256 " + inSha + " " + sha256(out.get(0).path()));
    System.out.println("encrypted " + enc.get(0).path());
    System.out.println("peak-heap-mib " + (peak >> 20));
  }

  private static String write(Path file, long size) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    Random r = new Random(42);
    long written = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      while (written < size) {
        byte[] line = (r.nextInt(1_000_000) + "," + r.nextLong() + ",item-" + r.nextInt(5000) + "\n").getBytes(StandardCharsets.US_ASCII);
        out.write(line);
        md.update(line);
        written += line.length;
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) >= 0; ) md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
