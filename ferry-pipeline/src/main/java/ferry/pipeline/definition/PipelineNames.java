package ferry.pipeline.definition;

/**
 * What a pipeline's owner may name, for the checks of create, update and dry-run. For a customer
 * an entry, user or secret it may not use answers false, exactly like one that does not exist, so
 * that names of other tenants cannot be probed.
 */
public interface PipelineNames {
  /** Whether {@code entry} is a VFS Library entry the owner may use. */
  boolean vfs(String entry);

  /** Whether the owner may read and write the file-server files of {@code username}. */
  boolean user(String username);

  /** Whether {@code name} is a secret the owner may use. */
  boolean secret(String name);

  /** Whether a stored script is named {@code name}. */
  boolean script(String name);
}
