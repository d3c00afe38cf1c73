package ferry.pipeline.run;

import java.time.Instant;

/** A file the source would pick (dry-run's simulate) or picked: its path in the source location, size and time. */
public record SourceFile(String path, long size, Instant modified) {}
