import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import ferry.vfs.CopyOptions;
import ferry.vfs.CopyResult;
import ferry.vfs.LocalVfs;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsCopier;
import ferry.vfs.WriteMode;
import ferry.vfs.WriteOptions;
import ferry.vfs.s3.S3Vfs;
import ferry.vfs.s3.S3VfsConfig;
import ferry.vfs.sftp.SftpVfs;
import ferry.vfs.sftp.SftpVfsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Run by run.sh, in two roles (key=value arguments):
 *
 * <ul>
 *   <li>{@code mode=s3proxy}: an s3proxy server on a loopback port 0 with a filesystem blobstore, in
 *       its own JVM so that its heap does not count as Ferry's. Writes the port to {@code
 *       port_file} and runs until killed or until run.sh is gone.
 *   <li>{@code mode=bench}: times Ferry's {@link VfsCopier} over the real backends (LocalVfs,
 *       SftpVfs against a private OpenSSH sshd, S3Vfs against that s3proxy) for local -> SFTP, SFTP
 *       -> S3 and S3 -> local, and OpenSSH's {@code sftp put} of the same file to the same sshd,
 *       sampling heap use per copy.
 * </ul>
 */
public class VfsBench {
  static final long MIB = 1024 * 1024;
  static final String BUCKET = "bench";
  static final String S3_KEY = "bench-access";
  static final String S3_SECRET = "bench-secret";
  static final long SEED = 20261128L;
  static final long WARMUP_MIB = 256; // enough for the JIT to settle on every path

  public static void main(String[] args) throws Exception {
    quietLogs();
    Map<String, String> a = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    switch (a.get("mode")) {
      case "s3proxy" -> s3proxy(a);
      case "bench" -> new VfsBench(a).run();
      default -> throw new IllegalArgumentException("mode=s3proxy|bench");
    }
  }

  /** Without a logback.xml, logback logs everything at DEBUG to the console. */
  static void quietLogs() {
    var factory = org.slf4j.LoggerFactory.getILoggerFactory();
    if (factory instanceof ch.qos.logback.classic.LoggerContext ctx) {
      ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // s3proxy role. Reflection, so that the benchmark JVM compiles this file with Ferry's runtime
  // classpath alone and never loads s3proxy.

  static void s3proxy(Map<String, String> a) throws Exception {
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", a.get("dir"));
    Object store =
        Class.forName("org.gaul.s3proxy.BlobStores")
            .getMethod("create", String.class, Properties.class)
            .invoke(null, "filesystem-nio2", props);
    Class<?> proxyClass = Class.forName("org.gaul.s3proxy.S3Proxy");
    Class<?> builderClass = Class.forName("org.gaul.s3proxy.S3Proxy$Builder");
    Class<?> storeClass = Class.forName("org.gaul.s3proxy.blobstore.BlobStore");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Enum> authClass = (Class<Enum>) Class.forName("org.gaul.s3proxy.auth.AuthenticationType");
    @SuppressWarnings("unchecked")
    Object auth = Enum.valueOf(authClass, "AWS_V2_OR_V4");
    Object b = proxyClass.getMethod("builder").invoke(null);
    builderClass.getMethod("blobStore", storeClass).invoke(b, store);
    builderClass.getMethod("endpoint", URI.class).invoke(b, URI.create("http://127.0.0.1:0"));
    builderClass
        .getMethod("awsAuthentication", authClass, String.class, String.class)
        .invoke(b, auth, S3_KEY, S3_SECRET);
    Object proxy = builderClass.getMethod("build").invoke(b);
    proxyClass.getMethod("start").invoke(proxy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!"STARTED".equals(proxyClass.getMethod("getState").invoke(proxy))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("s3proxy did not start");
      }
      Thread.sleep(10);
    }
    int port = (int) proxyClass.getMethod("getPort").invoke(proxy);
    Path portFile = Path.of(a.get("port_file"));
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, Integer.toString(port));
    Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
    // run.sh stops this JVM; should run.sh itself be killed, do not outlive it.
    ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
    while (parent.isAlive()) {
      Thread.sleep(1000);
    }
    System.exit(0);
  }

  // ---------------------------------------------------------------------------------------------
  // bench role

  static final String FERRY_PUT = "local -> SFTP  Ferry SftpVfs";
  static final String OPENSSH_PUT = "local -> SFTP  OpenSSH sftp put";
  static final String RAW_PUT = "local -> SFTP  SftpVfs, no SHA*";
  static final String TO_S3 = "SFTP -> S3     Ferry";
  static final String TO_LOCAL = "S3 -> local    Ferry";

  final Path work;
  final long size;
  final int reps;
  final String user;
  final String host = "127.0.0.1";
  final int sshPort;
  final Path clientKey;
  final String fingerprint;
  final Path knownHosts;
  final Path sshdLog;
  final int s3Port;
  final String cipher;
  final long sshdPid;
  final long s3proxyPid;
  final double clockTick;
  final VfsCopier copier = new VfsCopier(CopyOptions.defaults(), Clock.systemUTC());
  final Sampler sampler;
  final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  final List<Double> loads = new ArrayList<>();
  final Map<String, List<Run>> results = new LinkedHashMap<>();

  VfsBench(Map<String, String> a) {
    work = Path.of(a.get("work"));
    size = Long.parseLong(a.get("size_mib")) * MIB;
    reps = Integer.parseInt(a.get("reps"));
    user = a.get("user");
    sshPort = Integer.parseInt(a.get("ssh_port"));
    clientKey = Path.of(a.get("client_key"));
    fingerprint = a.get("fingerprint");
    knownHosts = Path.of(a.get("known_hosts"));
    sshdLog = Path.of(a.get("sshd_log"));
    s3Port = Integer.parseInt(a.get("s3_port"));
    cipher = a.get("cipher");
    sshdPid = Long.parseLong(a.get("sshd_pid"));
    s3proxyPid = Long.parseLong(a.get("s3proxy_pid"));
    clockTick = Double.parseDouble(a.get("clk_tck"));
    sampler =
        new Sampler(new ProcTracker(sshdPid, clockTick), new ProcTracker(s3proxyPid, clockTick));
  }

  /**
   * One timed copy. CPU seconds: {@code client} is the benchmark JVM (Ferry rows) or the sftp and
   * ssh processes (OpenSSH row), {@code threads} splits the JVM's share by thread group, and
   * {@code sshd} (with its system time and read/write calls) and {@code s3proxy} are the servers'
   * processes over the same interval.
   */
  record Run(
      String at,
      double seconds,
      long bytes,
      long peakUsed,
      long peakAfterGc,
      double client,
      Map<String, Double> threads,
      ProcTracker.Usage sshd,
      double s3proxy,
      String gc,
      double load1) {
    double mibPerSec() {
      return bytes / (double) MIB / seconds;
    }
  }

  void run() throws Exception {
    sampler.start();
    String loadBefore = loadavg();
    Path srcDir = Files.createDirectories(work.resolve("src"));
    Path outDir = Files.createDirectories(work.resolve("local-out"));
    Path sftpRoot = Files.createDirectories(work.resolve("sftp-root"));
    System.out.printf("writing the %d MiB source file (seeded random) ...%n", size / MIB);
    String srcSha = writeRandom(srcDir.resolve("big.bin"), size, SEED);
    String warmSha = writeRandom(srcDir.resolve("warmup.bin"), WARMUP_MIB * MIB, SEED + 1);
    createBucket();

    S3VfsConfig s3Config =
        S3VfsConfig.of(BUCKET, "us-east-1")
            .withEndpoint("http://127.0.0.1:" + s3Port, true)
            .withCredentials(S3_KEY, S3_SECRET);
    try (LocalVfs local = new LocalVfs(srcDir);
        LocalVfs localOut = new LocalVfs(outDir);
        S3Vfs s3 = new S3Vfs(s3Config);
        SftpVfs sftp = new SftpVfs(sftpConfig(sftpRoot))) {
      System.out.printf("warm-up: %d MiB through every path (not counted) ...%n", WARMUP_MIB);
      chain(local, sftp, s3, localOut, "warmup.bin", warmSha, WARMUP_MIB * MIB, sftpRoot, outDir, false);
      openSshPut(srcDir.resolve("warmup.bin"), sftpRoot, WARMUP_MIB * MIB, false);

      for (int i = 1; i <= reps; i++) {
        System.out.printf("run %d of %d ...%n", i, reps);
        boolean openSshFirst = i % 2 == 0; // alternate, so that drift in the load hits both alike
        if (openSshFirst) {
          openSshPut(srcDir.resolve("big.bin"), sftpRoot, size, true);
        }
        chain(local, sftp, s3, localOut, "big.bin", srcSha, size, sftpRoot, outDir, true);
        if (!openSshFirst) {
          openSshPut(srcDir.resolve("big.bin"), sftpRoot, size, true);
        }
      }
    }
    sampler.stop();
    report(loadBefore, loadavg());
  }

  SftpVfsConfig sftpConfig(Path sftpRoot) throws IOException {
    return new SftpVfsConfig(
        host,
        sshPort,
        user,
        "",
        Files.readString(clientKey),
        "",
        List.of(fingerprint),
        sftpRoot.toString(),
        Duration.ofSeconds(120));
  }

  void createBucket() {
    try (S3Client admin =
        S3Client.builder()
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .endpointOverride(URI.create("http://127.0.0.1:" + s3Port))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3_KEY, S3_SECRET)))
            .httpClient(Apache5HttpClient.create())
            .build()) {
      admin.createBucket(b -> b.bucket(BUCKET));
    }
  }

  /**
   * local -> SFTP (a fresh SftpVfs, so connect and login count, as they do for the sftp client),
   * then SFTP -> S3 and S3 -> local on long-lived backends. Each copy's SHA-256 must equal the
   * source's; the final local file is hashed again after the timings.
   */
  void chain(
      LocalVfs local,
      SftpVfs sftp,
      S3Vfs s3,
      LocalVfs localOut,
      String name,
      String sha,
      long bytes,
      Path sftpRoot,
      Path outDir,
      boolean record)
      throws Exception {
    VPath file = VPath.of("/" + name);
    VPath sftpFile = VPath.of("/ferry-" + name);

    Run put =
        timed(
            () -> {
              try (SftpVfs fresh = new SftpVfs(sftpConfig(sftpRoot))) {
                return check(copier.copyFile(local, file, fresh, sftpFile), sha, bytes);
              }
            });
    Run raw =
        timed(
            () -> {
              try (SftpVfs fresh = new SftpVfs(sftpConfig(sftpRoot))) {
                return uploadWithoutHash(local, file, fresh, VPath.of("/raw-" + name), bytes);
              }
            });
    Run toS3 = timed(() -> check(copier.copyFile(sftp, sftpFile, s3, file), sha, bytes));
    sftp.remove(sftpFile);
    Run toLocal = timed(() -> check(copier.copyFile(s3, file, localOut, file), sha, bytes));
    s3.remove(file);
    Path out = outDir.resolve(name);
    String outSha = sha256(out);
    if (!outSha.equals(sha)) {
      throw new IllegalStateException("S3 -> local wrote " + outSha + ", expected " + sha);
    }
    Files.delete(out);
    if (record) {
      add(FERRY_PUT, put);
      add(RAW_PUT, raw);
      add(TO_S3, toS3);
      add(TO_LOCAL, toLocal);
    }
  }

  /**
   * Diagnostic: VfsCopier's loop (same buffer size, same write options) without its SHA-256, to
   * show what the SFTP backend alone reaches. The size is checked; the content is not hashed.
   */
  long uploadWithoutHash(Vfs src, VPath from, Vfs dst, VPath to, long bytes) throws IOException {
    CopyOptions o = CopyOptions.defaults();
    byte[] buffer = new byte[o.bufferSize()];
    long moved = 0;
    try (InputStream in = src.openRead(from, 0);
        Upload up = dst.openWrite(to, new WriteOptions(WriteMode.REPLACE, o.tempRename()))) {
      for (int n = in.readNBytes(buffer, 0, buffer.length); n > 0; n = in.readNBytes(buffer, 0, buffer.length)) {
        up.write(ByteBuffer.wrap(buffer, 0, n));
        moved += n;
      }
      up.commit();
    }
    long size = dst.stat(to).size();
    dst.remove(to);
    if (moved != bytes || size != bytes) {
      throw new IllegalStateException(to + ": moved " + moved + ", stored " + size + ", expected " + bytes);
    }
    return moved;
  }

  /** OpenSSH's sftp client putting the same file to the same sshd, pinned to the same cipher. */
  void openSshPut(Path src, Path sftpRoot, long bytes, boolean record) throws Exception {
    Path batch = work.resolve("put.batch");
    Path target = sftpRoot.resolve("openssh-" + src.getFileName());
    Files.writeString(batch, "put " + src + " " + target + "\n");
    Path log = work.resolve("sftp-client.log");
    List<String> cmd =
        List.of(
            "bash",
            "-c",
            "sftp \"$@\"; rc=$?; times >&2; exit $rc", // `times`: the children's CPU, last line
            "sftp",
            "-F", "/dev/null",
            "-b", batch.toString(),
            "-i", clientKey.toString(),
            "-P", Integer.toString(sshPort),
            "-c", cipher,
            "-o", "IdentitiesOnly=yes",
            "-o", "IdentityAgent=none",
            "-o", "StrictHostKeyChecking=yes",
            "-o", "UserKnownHostsFile=" + knownHosts,
            "-o", "GlobalKnownHostsFile=/dev/null",
            user + "@" + host);
    sync();
    double load = load1();
    sampler.reset();
    String at = now();
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int rc = p.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    ProcTracker.Usage sshd = sampler.sshd.usage();
    double s3p = sampler.s3proxy.usage().cpu();
    List<String> lines = Files.readAllLines(log);
    if (rc != 0) {
      throw new IllegalStateException("OpenSSH sftp failed (rc " + rc + "):\n" + String.join("\n", lines));
    }
    long got = Files.size(target);
    if (got != bytes) {
      throw new IllegalStateException("OpenSSH sftp put " + got + " bytes, expected " + bytes);
    }
    Files.delete(target);
    if (record) {
      add(OPENSSH_PUT, new Run(at, seconds, bytes, -1, -1, childCpu(lines), Map.of(), sshd, s3p, "", load));
    }
  }

  /** Parses bash's `times`: the last line holds the children's user and system time. */
  static double childCpu(List<String> lines) {
    Matcher m =
        Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s").matcher(lines.get(lines.size() - 1));
    if (!m.find()) {
      return Double.NaN;
    }
    return Integer.parseInt(m.group(1)) * 60
        + Double.parseDouble(m.group(2))
        + Integer.parseInt(m.group(3)) * 60
        + Double.parseDouble(m.group(4));
  }

  /** A timed copy; returns the bytes it moved. */
  interface Copy {
    long run() throws Exception;
  }

  Run timed(Copy copy) throws Exception {
    sync();
    System.gc(); // each copy starts from the live set, not from the previous copy's garbage
    double load = load1();
    sampler.reset();
    long cpu0 = os.getProcessCpuTime();
    String at = now();
    long t0 = System.nanoTime();
    long moved = copy.run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    ProcTracker.Usage sshd = sampler.sshd.usage();
    double s3p = sampler.s3proxy.usage().cpu();
    Map<String, Double> threads = sampler.threadCpu(cpu);
    return new Run(
        at, seconds, moved, sampler.peakUsed(), sampler.peakAfterGc(), cpu, threads, sshd, s3p,
        sampler.gcSinceReset(), load);
  }

  static String now() {
    return LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static long check(CopyResult r, String sha, long bytes) {
    if (r.outcome() != CopyResult.Outcome.COPIED) {
      throw new IllegalStateException(r.source() + " -> " + r.target() + ": " + r.outcome() + " " + r.error());
    }
    if (r.bytes() != bytes || !r.sha256().equals(sha)) {
      throw new IllegalStateException(
          r.source() + " -> " + r.target() + ": " + r.bytes() + " bytes, sha256 " + r.sha256()
              + "; expected " + bytes + " bytes, " + sha);
    }
    return r.bytes();
  }

  void add(String path, Run r) {
    results.computeIfAbsent(path, k -> new ArrayList<>()).add(r);
    loads.add(r.load1());
    String heap =
        r.peakUsed() < 0
            ? ""
            : String.format("heap %d MiB (after GC %s; %s), ", mib(r.peakUsed()), afterGc(r.peakAfterGc()), r.gc());
    String split =
        r.threads().isEmpty()
            ? "sftp+ssh"
            : r.threads().entrySet().stream()
                .map(e -> String.format("%s %.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    System.out.printf(
        "  %s %-31s %6.2f s %7.1f MiB/s  %sCPU s: client %.1f (%s), sshd %.1f (sys %.1f, %dk syscalls), s3proxy %.1f; load %.2f%n",
        r.at(), path, r.seconds(), r.mibPerSec(), heap, r.client(), split, r.sshd().cpu(), r.sshd().sys(),
        r.sshd().syscalls() / 1000, r.s3proxy(), r.load1());
  }

  void report(String loadBefore, String loadAfter) throws IOException {
    RuntimeMxInfo rt = RuntimeMxInfo.get();
    long maxHeap = Runtime.getRuntime().maxMemory();
    System.out.println();
    System.out.printf(
        "Ferry storage benchmark: %d MiB file, median of %d runs per path; %d cores, Java %s, %s%n",
        size / MIB, reps, Runtime.getRuntime().availableProcessors(), Runtime.version(), rt.gcs);
    System.out.printf(
        "benchmark JVM max heap %d MiB (%s); s3proxy runs in a JVM of its own, not counted here%n",
        maxHeap / MIB, rt.xmx);
    System.out.printf(
        "load average (1/5/15 min): before %s, after %s; 1-min load as each copy started: %.2f-%.2f%n",
        loadBefore, loadAfter,
        loads.stream().mapToDouble(d -> d).min().orElse(0),
        loads.stream().mapToDouble(d -> d).max().orElse(0));
    System.out.println("cipher negotiated, per key exchange, from the sshd's log:");
    negotiated().forEach(l -> System.out.println("  " + l));
    System.out.println();

    double openSsh = median(results.get(OPENSSH_PUT), Run::mibPerSec);
    String fmt = "%-31s %8s  %-23s %6s %8s %7s %6s %7s  %7s  %s%n";
    System.out.printf(fmt, "", "MiB/s", "", "heap", "heap MiB", "", "CPU s", "", "ratio", "");
    System.out.printf(fmt, "path", "(median)", "runs (MiB/s)", "peak", "after GC", "client", "sshd", "s3proxy", "vs sftp", "target");
    long worstHeap = 0;
    for (String path : List.of(FERRY_PUT, RAW_PUT, OPENSSH_PUT, TO_S3, TO_LOCAL)) {
      var e = Map.entry(path, results.get(path));
      List<Run> runs = e.getValue();
      boolean ferry = runs.get(0).peakUsed() >= 0;
      long peak = runs.stream().mapToLong(Run::peakUsed).max().orElse(-1);
      long after = runs.stream().mapToLong(Run::peakAfterGc).max().orElse(-1);
      worstHeap = Math.max(worstHeap, peak);
      double med = median(runs, Run::mibPerSec);
      boolean put = e.getKey().startsWith("local -> SFTP");
      System.out.printf(
          fmt,
          e.getKey(),
          String.format("%.1f", med),
          runs.stream().map(r -> String.format("%.1f", r.mibPerSec())).collect(Collectors.joining(" / ")),
          ferry ? Long.toString(mib(peak)) : "-",
          ferry ? afterGc(after) : "-",
          String.format("%.1f", median(runs, Run::client)),
          String.format("%.1f", median(runs, r -> r.sshd().cpu())),
          String.format("%.1f", median(runs, Run::s3proxy)),
          put ? String.format("%.2f", med / openSsh) : "",
          !ferry
              ? "reference"
              : path.equals(RAW_PUT) ? "diagnostic*" : put ? ">= 0.80; heap < 256 MiB" : "heap < 256 MiB");
    }
    System.out.println();
    System.out.println("CPU s in the benchmark JVM by thread (median per path):");
    for (var e : results.entrySet()) {
      List<Run> runs = e.getValue();
      if (runs.get(0).peakUsed() < 0) {
        continue;
      }
      String split =
          Sampler.GROUPS.stream()
              .filter(k -> runs.stream().anyMatch(r -> r.threads().containsKey(k)))
              .map(k -> String.format("%s %.1f", k, median(runs, r -> r.threads().getOrDefault(k, 0.0))))
              .collect(Collectors.joining(", "));
      System.out.printf("  %-31s %s%n", e.getKey(), split);
    }
    System.out.println();
    double ratio = median(results.get(FERRY_PUT), Run::mibPerSec) / openSsh;
    System.out.printf(
        "target  local -> SFTP >= 0.80 x OpenSSH sftp put: %.2f (medians) -> %s%n",
        ratio, ratio >= 0.8 ? "MET" : "NOT MET");
    System.out.printf(
        "target  heap < 256 MiB: every copy ran in a %d MiB heap (%s), highest heap use seen %d MiB -> %s%n",
        maxHeap / MIB, rt.xmx, mib(worstHeap),
        maxHeap <= 256 * MIB && worstHeap < 256 * MIB ? "MET" : "NOT MET");
    System.out.println(
        """
        * the loop of VfsCopier (same 512 KiB buffer, same upload options) without its SHA-256, on \
        Ferry's SftpVfs: what the SFTP backend alone reaches. Not a Ferry path; checked by size only.
        notes: heap peak = all objects incl. garbage (max of 20 ms samples and of every GC's before size); \
        after GC = highest occupancy right after a GC. Ferry's SFTP put opens a fresh SftpVfs (connect + \
        login) as the sftp client does; SFTP -> S3 and S3 -> local use connected backends. A 256 MiB \
        warm-up ran first; the source file is read from the page cache. Every Ferry copy's SHA-256 (from its CopyResult) matched the source's, and \
        the file back on local disk was hashed again. CPU client = the benchmark JVM for Ferry rows, \
        sftp + ssh for OpenSSH; sshd and s3proxy = those processes over the same interval.""");
  }

  /** Which client software negotiated which cipher, from sshd's DEBUG1 log. */
  List<String> negotiated() throws IOException {
    Pattern version = Pattern.compile("remote software version (\\S+)");
    Pattern kex = Pattern.compile("kex: (client->server|server->client) cipher: (\\S+) MAC: (\\S+)");
    Map<String, Integer> seen = new TreeMap<>();
    String client = "?";
    for (String line : Files.readAllLines(sshdLog, StandardCharsets.ISO_8859_1)) {
      Matcher v = version.matcher(line);
      if (v.find()) {
        client = v.group(1);
      }
      Matcher k = kex.matcher(line);
      if (k.find()) {
        seen.merge(
            String.format("%-20s %s %s (MAC %s)", client, k.group(1), k.group(2), k.group(3)), 1, Integer::sum);
      }
    }
    if (seen.isEmpty()) {
      return List.of("nothing found in " + sshdLog);
    }
    return seen.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).toList();
  }

  static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static String afterGc(long bytes) {
    return bytes == 0 ? "no GC" : Long.toString(mib(bytes));
  }

  static long mib(long bytes) {
    return (bytes + MIB / 2) / MIB;
  }

  /** Flushes dirty pages of the previous copy, so that its writeback does not slow the next. */
  static void sync() throws Exception {
    new ProcessBuilder("sync").inheritIO().start().waitFor();
  }

  static String loadavg() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static double load1() {
    String s = loadavg();
    return s.equals("?") ? Double.NaN : Double.parseDouble(s.split(" ")[0]);
  }

  /** Seeded random bytes, written once; returns their SHA-256. */
  static String writeRandom(Path file, long bytes, long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    ByteBuffer buf = ByteBuffer.allocate((int) MIB).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long left = bytes; left > 0; left -= buf.limit()) {
        buf.clear();
        while (buf.remaining() >= Long.BYTES) {
          buf.putLong(random.nextLong());
        }
        buf.flip().limit((int) Math.min(buf.limit(), left));
        sha.update(buf.array(), 0, buf.limit());
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static String sha256(Path file) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[(int) MIB];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        sha.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  record RuntimeMxInfo(String xmx, String gcs) {
    static RuntimeMxInfo get() {
      String xmx =
          ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
              .filter(s -> s.startsWith("-Xmx") || s.startsWith("-XX:MaxHeapSize"))
              .reduce((x, y) -> y)
              .orElse("no -Xmx: JVM default");
      String gcs =
          ManagementFactory.getGarbageCollectorMXBeans().stream()
              .map(GarbageCollectorMXBean::getName)
              .collect(Collectors.joining(", "));
      return new RuntimeMxInfo(xmx, gcs);
    }
  }

  /**
   * Samples every 20 ms: heap used, and each live thread's CPU time (so that threads which end
   * during a copy, like a closed SSH client's I/O threads, still count). Also takes each GC's
   * before and after heap sizes from its notification, so short spikes between samples count.
   */
  static final class Sampler implements NotificationListener {
    static final List<String> GROUPS =
        List.of("copier", "ssh-io", "s3-parts", "other", "bench", "jit", "gc+vm");
    final ProcTracker sshd;
    final ProcTracker s3proxy;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Set<String> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong afterGc = new AtomicLong();
    /** thread id -> {CPU ns at reset (0 if started later), CPU ns at the last sample}. */
    private final Map<Long, long[]> cpu = new ConcurrentHashMap<>();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile long resetAt; // JVM uptime in ms; GCs that started earlier belong to before
    private long jitAtReset;
    private long gcCountAtReset;
    private long gcMillisAtReset;
    private Thread thread;

    Sampler(ProcTracker sshd, ProcTracker s3proxy) {
      this.sshd = sshd;
      this.s3proxy = s3proxy;
    }

    void start() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener(this, null, null);
      }
      running = true;
      thread =
          Thread.ofPlatform()
              .daemon()
              .name("bench-sampler")
              .start(
                  () -> {
                    for (long i = 0; running; i++) {
                      sample();
                      if (i % 5 == 0) { // every 100 ms
                        sshd.sample();
                        s3proxy.sample();
                      }
                      try {
                        Thread.sleep(20);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
    }

    void stop() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join();
    }

    private synchronized void sample() {
      used.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      for (long id : threads.getAllThreadIds()) {
        long ns = threads.getThreadCpuTime(id);
        if (ns < 0) {
          continue;
        }
        long[] c = cpu.computeIfAbsent(id, k -> new long[2]);
        c[1] = ns;
        if (!names.containsKey(id)) {
          ThreadInfo info = threads.getThreadInfo(id);
          names.put(id, info == null ? "?" : info.getThreadName());
        }
      }
    }

    synchronized void reset() {
      resetAt = ManagementFactory.getRuntimeMXBean().getUptime();
      used.set(memory.getHeapMemoryUsage().getUsed());
      afterGc.set(0);
      cpu.clear();
      sample();
      cpu.values().forEach(c -> c[0] = c[1]);
      jitAtReset = jitMillis();
      gcCountAtReset = gcTotal(GarbageCollectorMXBean::getCollectionCount);
      gcMillisAtReset = gcTotal(GarbageCollectorMXBean::getCollectionTime);
      sshd.reset();
      s3proxy.reset();
    }

    private static long jitMillis() {
      var jit = ManagementFactory.getCompilationMXBean();
      return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long gcTotal(java.util.function.ToLongFunction<GarbageCollectorMXBean> f) {
      return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(f).sum();
    }

    /** GCs since reset: how many, and their total time as the JVM reports it (mostly pauses). */
    String gcSinceReset() {
      return String.format(
          "%d GCs, %.1f s",
          gcTotal(GarbageCollectorMXBean::getCollectionCount) - gcCountAtReset,
          (gcTotal(GarbageCollectorMXBean::getCollectionTime) - gcMillisAtReset) / 1e3);
    }

    long peakUsed() {
      return used.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }

    long peakAfterGc() {
      return afterGc.get();
    }

    /**
     * CPU seconds since reset by thread group; the rest of the process's CPU is the JIT's (its
     * compilation time) and the GC's and VM's.
     */
    synchronized Map<String, Double> threadCpu(double processSeconds) {
      sample();
      Map<String, Double> groups = new LinkedHashMap<>();
      for (String g : GROUPS) {
        groups.put(g, 0.0);
      }
      double javaThreads = 0;
      for (var e : cpu.entrySet()) {
        double s = (e.getValue()[1] - e.getValue()[0]) / 1e9;
        javaThreads += s;
        groups.merge(group(names.getOrDefault(e.getKey(), "?")), s, Double::sum);
      }
      // Compiler and GC threads are not Java threads; compilation time (wall) stands in for the JIT.
      double jit = Math.min(Math.max(0, processSeconds - javaThreads), (jitMillis() - jitAtReset) / 1e3);
      groups.put("jit", jit);
      groups.put("gc+vm", Math.max(0, processSeconds - javaThreads - jit));
      groups.values().removeIf(v -> v < 0.05);
      return groups;
    }

    private static String group(String name) {
      if (name.equals("main")) {
        return "copier"; // VfsCopier runs on the main thread: read, SHA-256, hand-off to the upload
      }
      if (name.contains("nio2")) {
        return "ssh-io"; // MINA's I/O threads: packet encode/decode, AES-GCM, socket I/O
      }
      if (name.equals("bench-sampler")) {
        return "bench"; // this benchmark's own 20 ms sampling
      }
      if (name.startsWith("s3-part-upload")) {
        return "s3-parts"; // S3Vfs's part uploads: SDK signing and checksums, HTTP
      }
      return "other";
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
        return;
      }
      var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
      if (info.getStartTime() < resetAt) {
        return; // e.g. the System.gc() before a copy, reported after reset()
      }
      used.accumulateAndGet(heapSum(info.getMemoryUsageBeforeGc()), Math::max);
      afterGc.accumulateAndGet(heapSum(info.getMemoryUsageAfterGc()), Math::max);
    }

    private long heapSum(Map<String, MemoryUsage> pools) {
      return pools.entrySet().stream()
          .filter(e -> heapPools.contains(e.getKey()))
          .mapToLong(e -> e.getValue().getUsed())
          .sum();
    }
  }

  /**
   * CPU time and system calls of a server process and all its descendants (sshd forks per
   * session, and the session forks again) since reset, from each process's own /proc counters.
   * Sampled every 100 ms, so processes that end during a copy still count (up to 100 ms of their
   * last CPU can be missed); children's time folded into a parent (cutime) is not used, so nothing
   * counts twice. Finding new descendants means reading every /proc/PID/stat, so that scan runs
   * every 500 ms only.
   */
  static final class ProcTracker {
    record Usage(double cpu, double sys, long syscalls) {}

    private final long root;
    private final double clockTick;
    /** pid -> {utime, stime, syscalls} at reset (0 if started later), then the last values. */
    private final Map<Long, long[][]> procs = new HashMap<>();
    private long samples;

    ProcTracker(long root, double clockTick) {
      this.root = root;
      this.clockTick = clockTick;
    }

    synchronized void sample() {
      if (samples++ % 5 == 0) {
        procs.computeIfAbsent(root, k -> new long[2][3]);
        ProcessHandle.of(root)
            .ifPresent(h -> h.descendants().forEach(d -> procs.computeIfAbsent(d.pid(), k -> new long[2][3])));
      }
      for (var e : procs.entrySet()) {
        read(e.getKey(), e.getValue()[1]);
      }
    }

    private static void read(long pid, long[] into) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long syscalls = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
          if (line.startsWith("syscr:") || line.startsWith("syscw:")) {
            syscalls += Long.parseLong(line.substring(6).strip());
          }
        }
        // after "pid (comm) ": state(0) ppid(1) ... utime(11) stime(12)
        into[0] = Long.parseLong(f[11]);
        into[1] = Long.parseLong(f[12]);
        into[2] = syscalls;
      } catch (IOException | RuntimeException e) {
        // gone in between: its last sample stands
      }
    }

    synchronized void reset() {
      procs.clear();
      samples = 0;
      sample();
      procs.values().forEach(p -> p[0] = p[1].clone());
    }

    synchronized Usage usage() {
      sample();
      long user = 0;
      long system = 0;
      long calls = 0;
      for (long[][] p : procs.values()) {
        user += p[1][0] - p[0][0];
        system += p[1][1] - p[0][1];
        calls += p[1][2] - p[0][2];
      }
      return new Usage((user + system) / clockTick, system / clockTick, calls);
    }
  }
}
