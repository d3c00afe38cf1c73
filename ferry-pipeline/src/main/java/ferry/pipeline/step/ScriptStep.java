package ferry.pipeline.step;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.pipeline.definition.StepSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs stored script {@code script} over the batch. The files are copied into the step's output
 * directory under their relative names (so a script cannot change the inputs, which a retry
 * reads again); the script gets its {@code params} (values as text) plus {@code files}, a JSON
 * array of the names, and {@code work_dir}, that directory. Exit code 0 succeeds and the files in
 * {@code work_dir} afterwards, changed, added or removed by the script, are the step's output;
 * any other code fails the step, naming it.
 */
final class ScriptStep implements StepRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String script;
  private final Map<String, Object> params;

  ScriptStep(StepSpec spec) {
    this.script = spec.required("script");
    this.params = spec.map("params");
  }

  @Override
  public List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws IOException, InterruptedException {
    Map<String, WorkFile> byName = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (WorkFile f : in) {
      StepFiles.checkCancelled(ctx);
      try (InputStream src = Files.newInputStream(f.path());
          OutputStream dst = StepFiles.create(ctx, f.name())) {
        StepFiles.copy(src, dst);
      }
      byName.put(f.name(), f);
      names.add(f.name());
    }
    Path workDir = ctx.outputDir().toAbsolutePath().normalize();
    int code = ctx.runScript(script, scriptParams(names, workDir));
    if (code != 0) throw new StepFailedException("script " + script + " exited with code " + code, false);
    List<WorkFile> out = collect(ctx, workDir, byName);
    ctx.log("script " + script + " exited 0; " + out.size() + " files");
    return out;
  }

  private Map<String, String> scriptParams(List<String> names, Path workDir) throws JsonProcessingException {
    Map<String, String> p = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : params.entrySet()) {
      p.put(e.getKey(), e.getValue() instanceof String s ? s : JSON.writeValueAsString(e.getValue()));
    }
    p.put("files", JSON.writeValueAsString(names));
    p.put("work_dir", workDir.toString());
    return p;
  }

  /** The regular files under {@code dir} in name order; those the step put there keep their time and origin. */
  private static List<WorkFile> collect(StepContext ctx, Path dir, Map<String, WorkFile> before) throws IOException {
    List<WorkFile> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(x -> Files.isRegularFile(x, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
        String name = dir.relativize(p).toString().replace('\\', '/');
        WorkFile was = before.get(name);
        out.add(
            new WorkFile(p, name, Files.size(p), was != null ? was.modified() : ctx.clock().instant(),
                was != null ? was.origin() : "script:" + name));
      }
    }
    return out;
  }
}
