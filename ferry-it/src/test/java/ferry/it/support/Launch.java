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

  /** A process builder for {@code ferry <args>} with extra environment. */
  public static ProcessBuilder ferry(List<String> args, Map<String, String> env, Path workDir) {
    Path cli = ROOT.resolve("ferry-cli/target");
    if (!Files.isDirectory(cli.resolve("lib")))
      throw new IllegalStateException("ferry-cli/target/lib is missing: run the tests through `./ferry test` (mvn verify)");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 24) cmd.add("--sun-misc-unsafe-memory-access=allow");
    boolean serve = !args.isEmpty() && args.get(0).equals("serve");
    // a command lives a second: the serial collector and no perf data file cost it ~7% less CPU
    if (!serve) cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:-UsePerfData"));
    Path jar = cliJar(cli);
    // the jar holds what target/classes holds (as lib/ holds the other modules' jars); class data
    // sharing needs it (ClassArchive)
    if (jar != null) cmd.addAll(ClassArchive.flags(serve ? "serve" : "cli"));
    cmd.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
        (jar != null ? jar : cli.resolve("classes")) + ":" + cli.resolve("lib") + "/*", "ferry.cli.Main"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("FERRY_"));
    pb.environment().putAll(env);
    return pb;
  }

  /** ferry-cli's jar, which the package phase builds before any IT runs, or null without one. */
  private static Path cliJar(Path target) {
    try (var files = Files.list(target)) {
      return files.filter(f -> f.getFileName().toString().matches("ferry-cli-[^-]+(-SNAPSHOT)?\\.jar"))
          .findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
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
