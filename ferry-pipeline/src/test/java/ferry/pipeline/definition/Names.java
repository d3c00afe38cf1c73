package ferry.pipeline.definition;

import java.util.Set;

/** What a test owner may name: fixed sets of entries, users, secrets and scripts. */
record Names(Set<String> vfs, Set<String> users, Set<String> secrets, Set<String> scripts) implements PipelineNames {
  static final Names DEMO = new Names(
      Set.of("partner-sftp", "s3-out", "sftp-out", "local-in", "local-out"),
      Set.of("alice", "bob"),
      Set.of("partner-pub", "our-key", "our-key-pass", "hook-secret"),
      Set.of("check-batch"));

  @Override
  public boolean vfs(String entry) {
    return vfs.contains(entry);
  }

  @Override
  public boolean user(String username) {
    return users.contains(username);
  }

  @Override
  public boolean secret(String name) {
    return secrets.contains(name);
  }

  @Override
  public boolean script(String name) {
    return scripts.contains(name);
  }
}
