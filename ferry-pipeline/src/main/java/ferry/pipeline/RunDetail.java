package ferry.pipeline;

import ferry.core.pipeline.PipelineRun;
import ferry.core.pipeline.RunFile;
import ferry.core.pipeline.RunStep;
import java.util.List;

/**
 * A run with its steps and the files it delivered (the first {@link PipelineService#DETAIL_FILES};
 * {@code filesTruncated} when there are more).
 */
public record RunDetail(PipelineRun run, List<RunStep> steps, List<RunFile> files, boolean filesTruncated) {
  public RunDetail {
    steps = List.copyOf(steps);
    files = List.copyOf(files);
  }
}
