package ferry.httpd.automation;

import ferry.core.auth.ApiKey;
import ferry.core.job.Job;
import ferry.core.job.JobLogLine;
import ferry.core.job.JobSummary;
import ferry.core.job.Script;
import ferry.core.secret.SecretInfo;
import ferry.core.transfer.TransferRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the /v1 face (docs/api-v1.md); nulls are kept so clients see every field. */
final class Views {
  private Views() {}

  /** A job with its params, and with {@code log} unless null. */
  static Map<String, Object> job(Job j, List<JobLogLine> log) {
    Map<String, Object> m = new LinkedHashMap<>();
    summary(j.summary(), m);
    m.put("params", j.params());
    m.put("exitCode", j.exitCode());
    m.put("error", j.error());
    m.put("node", j.node());
    m.put("createdAt", j.createdAt());
    m.put("startedAt", j.startedAt());
    m.put("finishedAt", j.finishedAt());
    if (log != null) m.put("log", log.stream().map(Views::logLine).toList());
    return m;
  }

  /** A job as listings show it: no params, no log. */
  static Map<String, Object> jobSummary(JobSummary j) {
    Map<String, Object> m = new LinkedHashMap<>();
    summary(j, m);
    m.put("exitCode", j.exitCode());
    m.put("error", j.error());
    m.put("node", j.node());
    m.put("createdAt", j.createdAt());
    m.put("startedAt", j.startedAt());
    m.put("finishedAt", j.finishedAt());
    return m;
  }

  private static void summary(JobSummary j, Map<String, Object> m) {
    m.put("id", j.id());
    m.put("jobType", "SCRIPT");
    m.put("scriptId", j.scriptId());
    m.put("scriptName", j.scriptName());
    m.put("filePath", j.filePath());
    m.put("status", j.status().wire());
    m.put("trigger", j.trigger().wire());
  }

  static Map<String, Object> logLine(JobLogLine l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", l.seq());
    m.put("time", l.time());
    m.put("level", l.level());
    m.put("message", l.message());
    return m;
  }

  static Map<String, Object> transfer(TransferRecord t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("protocol", t.protocol());
    m.put("direction", t.direction());
    m.put("source", t.srcVfs() + ":" + t.srcPath());
    m.put("destination", t.dstVfs() + ":" + t.dstPath());
    m.put("bytes", t.bytes());
    m.put("durationMs", t.duration().toMillis());
    m.put("sha256", t.sha256());
    m.put("ok", t.ok());
    m.put("error", t.error());
    m.put("finishedAt", t.finishedAt());
    return m;
  }

  static Map<String, Object> script(Script s, boolean withSource) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("name", s.name());
    m.put("description", s.description());
    if (withSource) m.put("source", s.source());
    m.put("createdAt", s.createdAt());
    m.put("updatedAt", s.updatedAt());
    return m;
  }

  static Map<String, Object> apiKey(ApiKey k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.id());
    m.put("name", k.name());
    m.put("scope", k.scope().wire());
    m.put("owner", k.owner());
    m.put("allowedIps", k.allowedIps());
    m.put("expiresAt", k.expiresAt());
    m.put("description", k.description());
    m.put("createdAt", k.createdAt());
    m.put("lastUsedAt", k.lastUsedAt());
    m.put("revokedAt", k.revokedAt());
    return m;
  }

  static Map<String, Object> secret(SecretInfo s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("createdAt", s.createdAt());
    m.put("updatedAt", s.updatedAt());
    return m;
  }

  static Map<String, Object> items(List<?> items) {
    return Map.of("items", items);
  }
}
