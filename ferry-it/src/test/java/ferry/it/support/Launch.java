package ferry.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts Ferry's CLI as its own process, from ferry-cli's build output (what ./ferry runs). */
public final class Launch {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  private Launch() {}

  public static Path repoRoot() {
    return ROOT;
  }

  /** The command that runs any {@code ferry} command from ferry-cli's build output, without arguments. */
  public static List<String> command() {
    return command(false, null, false, false);
  }

  /**
   * @param archiveKind the class-data archive this process shares with its kind, or null for none
   * @param oneShot a command that ends by itself, not a server
   */
  private static List<String> command(boolean clientOnly, String archiveKind, boolean oneShot, boolean fullJit) {
    Path cli = ROOT.resolve("ferry-cli/target");
    if (!Files.isDirectory(cli.resolve("lib")) || !Files.isDirectory(cli.resolve("cli-lib")))
      throw new IllegalStateException("ferry-cli/target/lib or cli-lib is missing: run the tests through `./ferry test` (mvn verify)");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 24) cmd.add("--sun-misc-unsafe-memory-access=allow");
    // a command lives a second: the serial collector and no perf data file cost it ~7% less CPU
    if (oneShot) cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:-UsePerfData"));
    // as ./ferry does, client commands (all but serve and run) run on cli-lib alone, so a class they
    // need from elsewhere fails here; without a command, the full class path runs any of them. The
    // jar holds what target/classes holds; class data sharing needs it (ClassArchive).
    Path jar = Files.isRegularFile(cli.resolve("ferry-cli.jar")) ? cli.resolve("ferry-cli.jar") : cli.resolve("classes");
    if (archiveKind != null && jar.toString().endsWith(".jar")) cmd.addAll(ClassArchive.flags(archiveKind));
    String classpath = jar + ":" + cli.resolve(clientOnly ? "cli-lib" : "lib") + "/*";
    cmd.add("-Xshare:auto");
    // the first JIT tier starts a process fastest; a test that moves gigabytes asks for the full JIT
    if (!fullJit) cmd.add("-XX:TieredStopAtLevel=1");
    cmd.addAll(List.of("-cp", classpath, "ferry.cli.Main"));
    return cmd;
  }

  /** A process builder for {@code ferry <args>} with extra environment. */
  public static ProcessBuilder ferry(List<String> args, Map<String, String> env, Path workDir) {
    String first = args.isEmpty() ? "" : args.getFirst();
    boolean server = List.of("serve", "run", "agent").contains(first);
    if (first.equals("serve")) HostKeySeed.plant(dataDir(args, env, workDir));
    boolean fullJit = env.getOrDefault("JAVA_TOOL_OPTIONS", "").contains("TieredStopAtLevel");
    List<String> cmd =
        command(!server, first.equals("serve") ? "serve" : server ? null : "cli", !first.equals("serve"), fullJit);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("FERRY_"));
    pb.environment().putAll(env);
    return pb;
  }

  /** The data dir a command uses: {@code --data-dir}, else $FERRY_DATA_DIR, else ./ferry-data. */
  private static Path dataDir(List<String> args, Map<String, String> env, Path workDir) {
    int i = args.indexOf("--data-dir");
    String dir = i >= 0 && i + 1 < args.size() ? args.get(i + 1) : env.getOrDefault("FERRY_DATA_DIR", "ferry-data");
    return workDir.resolve(dir);
  }

  /** Runs {@code ferry <args>} to its end. */
  public static Result run(List<String> args, Map<String, String> env, Path workDir, String stdin) {
    try {
      Path out = Files.createTempFile("ferry-out", ".txt");
      Path err = Files.createTempFile("ferry-err", ".txt");
      ProcessBuilder pb = ferry(args, env, workDir).redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      try (var in = p.getOutputStream()) {
        if (stdin != null) in.write(stdin.getBytes());
      }
      if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
        ClassArchive.ended(pb.command(), -1);
        throw new IllegalStateException("ferry " + args + " did not finish in 120 s");
      }
      ClassArchive.ended(pb.command(), p.exitValue());
      Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What a finished command printed and returned. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }
}
