package ferry.core.schedule;

import ferry.core.error.ValidationException;
import ferry.core.folder.FolderRepository;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The shape rules of a scheduled job, checked on every create and change, each refusal naming its
 * field: an agent job has a direction, one side a VFS Library entry and the other an agent-local
 * path; a server job is either a copy between two entries or a stored script.
 */
final class JobRules {
  static final int MAX_NAME = 200;
  static final int MAX_PATH = 4000;
  static final int MAX_PROTOCOL = 20;
  static final int MAX_PARAMS_CHARS = 65_536;
  static final String SERVER_PROTOCOL = "JOB";

  private final FolderRepository folders;
  private final Predicate<String> scriptExists;

  JobRules(FolderRepository folders, Predicate<String> scriptExists) {
    this.folders = folders;
    this.scriptExists = scriptExists;
  }

  /** Checks a job's name before the job is made of it. */
  static String name(String name) {
    text("name", name, MAX_NAME, true);
    return name;
  }

  /** Checks {@code job}; answers it with its protocol defaulted. */
  ScheduledJob check(ScheduledJob job) {
    text("name", job.name(), MAX_NAME, true);
    text("protocol", job.protocol(), MAX_PROTOCOL, false);
    long chars = 0;
    for (Map.Entry<String, String> e : job.params().entrySet()) chars += e.getKey().length() + e.getValue().length();
    if (chars > MAX_PARAMS_CHARS)
      throw invalid("params", "params must be at most " + MAX_PARAMS_CHARS + " characters (names and values)");
    return job.isServerJob() ? server(job) : agent(job);
  }

  private ScheduledJob agent(ScheduledJob job) {
    if (job.scriptName() != null) throw invalid("scriptName", "an agent job copies files; scriptName is for server jobs");
    if (!job.params().isEmpty()) throw invalid("params", "an agent job takes no params; they are for script jobs");
    String dir = job.direction();
    if (dir == null) throw invalid("direction", "direction is required for an agent job: pull or push");
    if (!dir.equals(ScheduledJob.PULL) && !dir.equals(ScheduledJob.PUSH))
      throw invalid("direction", "direction must be pull (VFS Library entry to agent) or push, got \"" + dir + "\"");
    boolean pull = dir.equals(ScheduledJob.PULL);
    String remoteField = pull ? "sourcePath" : "destinationPath";
    String localField = pull ? "destinationPath" : "sourcePath";
    LibraryPath remote = libraryPath(remoteField, pull ? job.sourcePath() : job.destinationPath());
    String local = pull ? job.destinationPath() : job.sourcePath();
    text(localField, local, MAX_PATH, true);
    if (LibraryPath.looksLike(local) && !local.matches("[A-Za-z]:[/\\\\].*"))
      throw invalid(localField, localField + " is the agent's own side of a " + dir + " job: a plain path on the"
          + " agent, not \"folder:/path\"");
    String protocol = job.protocol() != null ? job.protocol() : providerOf(remote.folder());
    return withProtocol(job, protocol);
  }

  private ScheduledJob server(ScheduledJob job) {
    if (job.direction() != null)
      throw invalid("direction", "direction is for agent jobs; a server job copies between VFS Library entries");
    boolean paths = job.sourcePath() != null || job.destinationPath() != null;
    if (job.scriptName() != null) {
      if (paths)
        throw invalid(job.sourcePath() != null ? "sourcePath" : "destinationPath",
            "a server job either runs scriptName or copies sourcePath to destinationPath, not both");
      text("scriptName", job.scriptName(), MAX_NAME, true);
      if (!scriptExists.test(job.scriptName()))
        throw invalid("scriptName", "no stored script named \"" + job.scriptName() + "\"");
    } else {
      if (!job.params().isEmpty()) throw invalid("params", "params are for script jobs (with scriptName)");
      if (job.sourcePath() == null)
        throw invalid("sourcePath", "a server job needs scriptName, or sourcePath and destinationPath (\"folder:/path\")");
      libraryPath("sourcePath", job.sourcePath());
      if (job.destinationPath() == null) throw invalid("destinationPath", "destinationPath is required with sourcePath");
      libraryPath("destinationPath", job.destinationPath());
    }
    return withProtocol(job, job.protocol() != null ? job.protocol() : SERVER_PROTOCOL);
  }

  private LibraryPath libraryPath(String field, String value) {
    if (value == null) throw invalid(field, field + " is required, as \"folder-name:/path\"");
    text(field, value, MAX_PATH, true);
    LibraryPath p = LibraryPath.parse(field, value);
    if (folders.find(p.folder()).isEmpty())
      throw invalid(field, "no VFS Library entry named \"" + p.folder() + "\" (in " + field + ")");
    return p;
  }

  private String providerOf(String folder) {
    Optional<Object> p = folders.find(folder).map(f -> f.filesystem().getOrDefault("provider", 0));
    return switch (p.map(o -> o instanceof Number n ? n.intValue() : -1).orElse(-1)) {
      case 1 -> "s3";
      case 5 -> "sftp";
      case 7 -> "ftp";
      default -> "local";
    };
  }

  private static ScheduledJob withProtocol(ScheduledJob j, String protocol) {
    return new ScheduledJob(j.id(), j.name(), j.customer(), j.agentId(), j.sourcePath(), j.destinationPath(),
        j.schedule(), protocol, j.direction(), j.enabled(), j.scriptName(), j.params(), j.misfirePolicy(),
        j.lastRunAt(), j.createdAt(), j.updatedAt());
  }

  private static void text(String field, String value, int max, boolean required) {
    if (value == null) {
      if (required) throw invalid(field, field + " is required");
      return;
    }
    if (required && value.isBlank()) throw invalid(field, field + " must not be blank");
    if (value.length() > max) throw invalid(field, field + " must be at most " + max + " characters");
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f))
      throw invalid(field, field + " must not contain control characters");
  }

  static ValidationException invalid(String field, String message) {
    return new ValidationException(message, Map.of("field", field));
  }
}
