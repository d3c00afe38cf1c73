package ferry.pipeline.step;

import ferry.pipeline.definition.StepSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Adds checksums of the files, which pass through unchanged: with {@code mode: manifest} (default)
 * one file {@code name} (default "SHA256SUMS", "SHA512SUMS" or "MD5SUMS") listing every file; with
 * {@code mode: sidecar} a NAME.sha256 (.sha512, .md5) beside each file. Both are in the format of
 * {@code sha256sum} and friends ("HEX  NAME"), so {@code sha256sum -c} checks them where they land.
 */
final class ChecksumStep implements StepRunner {
  private final Algorithm algorithm;
  private final boolean sidecar;
  private final String manifestName;

  ChecksumStep(StepSpec spec) {
    this.algorithm = Algorithm.of(spec.string("algorithm").orElse("sha256"));
    String mode = spec.string("mode").orElse("manifest");
    if (!mode.equals("manifest") && !mode.equals("sidecar")) throw new IllegalArgumentException("checksum mode must be manifest or sidecar: " + mode);
    this.sidecar = mode.equals("sidecar");
    this.manifestName = spec.string("name").orElse(algorithm.manifest);
  }

  @Override
  public List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws IOException {
    List<WorkFile> out = new ArrayList<>(in);
    if (in.isEmpty()) return out;
    if (sidecar) {
      for (WorkFile f : in) {
        StepFiles.checkCancelled(ctx);
        String name = f.name() + algorithm.suffix;
        try (Writer w = writer(ctx, name)) {
          w.write(line(digest(f.path(), algorithm.jca), StepFiles.baseName(f.name())));
        }
        out.add(StepFiles.output(ctx, name, f));
      }
    } else {
      // Written line by line as the digests come: a batch of 100,000 files needs no list in memory.
      try (Writer w = writer(ctx, manifestName)) {
        for (WorkFile f : in) {
          StepFiles.checkCancelled(ctx);
          w.write(line(digest(f.path(), algorithm.jca), f.name()));
        }
      }
      Path path = StepFiles.outputPath(ctx, manifestName);
      out.add(new WorkFile(path, manifestName, Files.size(path), ctx.runStartedAt(), manifestName));
    }
    ctx.log(algorithm.jca + " of " + in.size() + " files" + (sidecar ? " in sidecars" : " in " + manifestName));
    return out;
  }

  /** The hex digest of a file, read through one buffer. */
  static String digest(Path file, String jcaAlgorithm) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(jcaAlgorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[StepFiles.BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) >= 0; ) md.update(buf, 0, n);
    }
    return StepFiles.hex(md.digest());
  }

  /** One line as coreutils writes it; a name with a newline is escaped the coreutils way ("\" first). */
  private static String line(String hex, String name) {
    if (name.contains("\n")) return "\\" + hex + "  " + name.replace("\n", "\\n") + "\n";
    return hex + "  " + name + "\n";
  }

  private static Writer writer(StepContext ctx, String name) throws IOException {
    return new java.io.BufferedWriter(new java.io.OutputStreamWriter(StepFiles.create(ctx, name), StandardCharsets.UTF_8));
  }

  /** The algorithms a checksum step offers, with their JCA names and file names. */
  enum Algorithm {
    SHA256("SHA-256", ".sha256", "SHA256SUMS"),
    SHA512("SHA-512", ".sha512", "SHA512SUMS"),
    MD5("MD5", ".md5", "MD5SUMS");

    final String jca;
    final String suffix;
    final String manifest;

    Algorithm(String jca, String suffix, String manifest) {
      this.jca = jca;
      this.suffix = suffix;
      this.manifest = manifest;
    }

    static Algorithm of(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("checksum algorithm must be sha256, sha512 or md5: " + name);
      }
    }
  }
}
