package ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own clock of its jobs: reads them from the server ({@code GET /api/jobs}, every
 * page) and keeps the last list on disk, so that jobs keep firing while the server is away; fires
 * each enabled job when its cron says, at most one run of a job at a time (a firing that finds
 * the previous run still going is skipped and logged).
 */
final class JobScheduler {
  private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
  private static final int PAGE = 100;

  private final ServerApi api;
  private final String agentId;
  private final Path cacheFile;
  private final JobRunner runner;
  private final ExecutorService runs;
  private final Clock clock;
  private final Map<String, Slot> slots = new HashMap<>();

  private static final class Slot {
    JobSpec spec;
    CronClock cron;
    Instant next;
    Future<?> running;
  }

  JobScheduler(ServerApi api, String agentId, Path cacheFile, JobRunner runner, ExecutorService runs, Clock clock) {
    this.api = api;
    this.agentId = agentId;
    this.cacheFile = cacheFile;
    this.runner = runner;
    this.runs = runs;
    this.clock = clock;
  }

  /** Starts from the list kept on disk, if any. */
  void loadCache() {
    if (!Files.exists(cacheFile)) return;
    try {
      apply(Json.MAPPER.readTree(cacheFile.toFile()));
    } catch (IOException e) {
      log.warn("cannot read the job cache {}: {}", cacheFile, e.toString());
    }
  }

  /** Reads the job list again; on failure keeps the one it has. */
  void refresh() {
    try {
      ArrayNode all = Json.MAPPER.createArrayNode();
      for (int page = 1; ; page++) {
        ApiResult r = api.get("/api/jobs?page=" + page + "&limit=" + PAGE);
        if (!r.ok() || r.data() == null || !r.data().isArray()) {
          log.warn("cannot read my jobs (GET /api/jobs: {}); keeping the {} I know", r.describe(), size());
          return;
        }
        r.data().forEach(all::add);
        int pages = r.pagination() == null ? 1 : r.pagination().path("totalPages").asInt(1);
        if (page >= pages || r.data().isEmpty()) break;
      }
      apply(all);
      PrivateFiles.write(cacheFile, Json.MAPPER.writeValueAsBytes(all));
    } catch (IOException e) {
      log.warn("cannot read my jobs ({}); keeping the {} I know", e.toString(), size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Fires every job whose time has come; called every second. */
  synchronized void tick() {
    Instant now = clock.instant();
    for (Slot s : slots.values()) {
      if (s.next == null || now.isBefore(s.next)) continue;
      Instant due = s.next;
      s.next = s.cron.nextAfter(now).orElse(null); // firings missed while asleep are not made up
      if (s.running != null && !s.running.isDone()) {
        log.warn("job {} ({}): firing of {} skipped, the previous run is still going", s.spec.name(), s.spec.id(), due);
        continue;
      }
      JobSpec spec = s.spec;
      s.running = runs.submit(() -> {
        try {
          runner.run(spec, due);
        } catch (IOException | RuntimeException e) {
          log.error("job {} ({}): the run could not be recorded: {}", spec.name(), spec.id(), e.toString(), e);
        }
      });
    }
  }

  synchronized int size() {
    return slots.size();
  }

  private synchronized void apply(JsonNode list) {
    Map<String, JobSpec> wanted = new HashMap<>();
    for (JsonNode n : list) {
      JobSpec j = JobSpec.of(n);
      String owner = Json.text(n, "agentId");
      if (j.id() != null && j.enabled() && (owner == null || owner.equals(agentId))) wanted.put(j.id(), j);
    }
    slots.keySet().retainAll(wanted.keySet());
    List<String> added = new ArrayList<>();
    for (JobSpec j : wanted.values()) {
      Slot s = slots.get(j.id());
      if (s != null && s.spec.sameClock(j)) {
        s.spec = j;
        continue;
      }
      CronClock cron;
      try {
        cron = new CronClock(j.schedule(), j.timezone());
      } catch (RuntimeException e) {
        log.warn("job {} ({}): cannot read schedule '{}' in {}: {}", j.name(), j.id(), j.schedule(), j.timezone(), e.getMessage());
        slots.remove(j.id());
        continue;
      }
      if (s == null) {
        s = new Slot();
        slots.put(j.id(), s);
        added.add(j.name());
      }
      s.spec = j;
      s.cron = cron;
      s.next = cron.nextAfter(clock.instant()).orElse(null);
    }
    if (!added.isEmpty()) log.info("jobs to run: {} (new: {})", slots.size(), added);
  }
}
