package ferry.pipeline;

/**
 * What a caller sends to create a pipeline.
 *
 * @param description null for none
 * @param enabled null for the default (enabled)
 */
public record NewPipeline(String identifier, String name, String description, String yaml, Boolean enabled) {}
