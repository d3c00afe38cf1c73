package ferry.pipeline.step;

import java.io.IOException;
import java.util.List;

/**
 * One kind of step. It reads its input files (in the run's work directory, never changed) and
 * writes its outputs into {@link StepContext#outputDir()}, streaming with bounded buffers: no
 * file is ever held whole in memory. Outputs may reuse an input's path when the step does not
 * change the bytes (filter, rename).
 */
public interface StepRunner {
  /**
   * Runs the step over {@code in}.
   *
   * @return the files the next step gets, in a stable order
   * @throws StepFailedException when the step refuses its input (a bad signature, a script's exit
   *     code, a webhook's answer): the run fails with the message
   * @throws IOException when reading or writing failed (the runner may retry the step)
   */
  List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws IOException, InterruptedException;
}
