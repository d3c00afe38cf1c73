package ferry.core.pipeline;

import java.time.Instant;

/** One stored version of a pipeline's YAML: version 1 at creation, one more per YAML change. */
public record PipelineVersion(String pipelineId, int version, String yaml, String createdBy, Instant createdAt) {}
