package ferry.server.pipeline;

import ferry.pipeline.definition.PipelineDefinition;
import ferry.pipeline.definition.PipelineNames;
import ferry.pipeline.definition.PipelineYaml;

/**
 * Reads a stored pipeline version's YAML for running it. Its names were checked against its owner
 * when it was stored; a run does not check them again (a run of a pipeline whose entry was deleted
 * since fails when it opens the entry, naming it).
 */
final class StoredYaml {
  private static final PipelineNames STORED = new PipelineNames() {
    @Override
    public boolean vfs(String entry) {
      return true;
    }

    @Override
    public boolean user(String username) {
      return true;
    }

    @Override
    public boolean secret(String name) {
      return true;
    }

    @Override
    public boolean script(String name) {
      return true;
    }
  };

  private StoredYaml() {}

  /** The definition of a stored YAML; an IllegalArgumentException naming its first problem. */
  static PipelineDefinition parse(String yaml) {
    return parse(yaml, STORED);
  }

  /**
   * The definition of a stored YAML checked against what its owner may name now (an admin may
   * have unmounted an entry or deleted a secret since it was saved); an IllegalArgumentException
   * naming its first problem.
   */
  static PipelineDefinition parse(String yaml, ferry.pipeline.definition.PipelineNames owner) {
    PipelineYaml.Checked c = PipelineYaml.check(yaml, owner);
    if (!c.ok()) throw new IllegalArgumentException("the pipeline's YAML does not check: " + c.problems().getFirst());
    return c.definition();
  }
}
