package ferry.server.pipeline;

import ferry.core.pipeline.PipelineRepository;
import ferry.core.pipeline.PipelineRun;
import ferry.core.pipeline.PipelineRunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node does for pipeline runs as it starts, so that no run is left {@code running}:
 * <ul>
 *   <li>a run still {@code running} whose work directory is in this node's data dir was carried by
 *       this data dir's previous process, which is gone: its db-scheduler execution, still picked by
 *       that process's node name, is handed back at once (instead of after db-scheduler's dead-node
 *       timeout), and whichever node picks it resumes or interrupts it;
 *   <li>a queued or running run without an execution gets one;
 *   <li>work directories of runs that ended (or are unknown) are removed.
 * </ul>
 */
final class RunRecovery {
  private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);
  private static final String UNPICK = "UPDATE scheduled_tasks SET picked = FALSE, picked_by = NULL,"
      + " last_heartbeat = NULL, version = version + 1"
      + " WHERE task_name = ? AND task_instance = ? AND picked = TRUE AND picked_by = ?";

  private final PipelineRepository repo;
  private final PipelineTasks tasks;
  private final DataSource dataSource;
  private final Path workRoot;

  RunRecovery(PipelineRepository repo, PipelineTasks tasks, DataSource dataSource, Path workRoot) {
    this.repo = repo;
    this.tasks = tasks;
    this.dataSource = dataSource;
    this.workRoot = workRoot;
  }

  void atStart() {
    List<PipelineRun> open = new ArrayList<>(repo.runsIn(PipelineRunStatus.RUNNING));
    for (PipelineRun run : open) {
      if (run.node() != null && Files.isDirectory(workRoot.resolve(run.id())) && unpick(run)) {
        log.info("pipeline run {} was running here as node {} when it stopped; handed back for a resume", run.id(),
            run.node());
      }
    }
    open.addAll(repo.runsIn(PipelineRunStatus.QUEUED));
    for (PipelineRun run : open) {
      if (!tasks.hasExecution(run.id())) {
        log.info("pipeline run {} ({}) had no execution; queued again", run.id(), run.status().wire());
        tasks.queue(run.id());
      }
    }
    removeEndedWorkDirs();
  }

  private boolean unpick(PipelineRun run) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UNPICK)) {
      ps.setString(1, PipelineTasks.RUN);
      ps.setString(2, run.id());
      ps.setString(3, run.node());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      log.warn("pipeline run {}: could not hand back its execution ({}); db-scheduler revives it later", run.id(),
          e.toString());
      return false;
    }
  }

  private void removeEndedWorkDirs() {
    if (!Files.isDirectory(workRoot)) return;
    try (Stream<Path> dirs = Files.list(workRoot)) {
      for (Path d : dirs.toList()) {
        boolean open = repo.findRun(d.getFileName().toString()).map(r -> !r.status().isFinal()).orElse(false);
        if (!open) deleteTree(d);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("could not clean {}: {}", workRoot, e.toString());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
