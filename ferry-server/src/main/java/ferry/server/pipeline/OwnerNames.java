package ferry.server.pipeline;

import ferry.core.account.Group;
import ferry.core.account.GroupMapping;
import ferry.core.account.FolderMapping;
import ferry.core.account.User;
import ferry.core.folder.FolderRepository;
import ferry.core.account.GroupRepository;
import ferry.core.account.UserRepository;
import ferry.core.job.ScriptRepository;
import ferry.core.secret.SecretRepository;
import ferry.pipeline.definition.PipelineNames;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a pipeline's owner may name (contract 14). The admins: any VFS Library entry, user, secret
 * and script. A customer: only its own user; only the entries mounted as virtual folders of its
 * user or of the groups it inherits folders from (primary and secondary; a membership-only group
 * gives none); only secrets named {@code <customer>/...}; any stored script. Whatever else it names
 * is answered as missing, so that other tenants' names cannot be probed.
 */
public final class OwnerNames implements Function<String, PipelineNames> {
  private final FolderRepository folders;
  private final UserRepository users;
  private final GroupRepository groups;
  private final SecretRepository secrets;
  private final ScriptRepository scripts;

  public OwnerNames(FolderRepository folders, UserRepository users, GroupRepository groups, SecretRepository secrets,
      ScriptRepository scripts) {
    this.folders = folders;
    this.users = users;
    this.groups = groups;
    this.secrets = secrets;
    this.scripts = scripts;
  }

  /** The names {@code customer} may use; null for the admins. */
  @Override
  public PipelineNames apply(String customer) {
    return customer == null ? new Admins() : new Customer(customer);
  }

  private boolean scriptExists(String name) {
    return scripts.findByName(name).isPresent();
  }

  private final class Admins implements PipelineNames {
    @Override
    public boolean vfs(String entry) {
      return folders.find(entry).isPresent();
    }

    @Override
    public boolean user(String username) {
      return users.find(username).isPresent();
    }

    @Override
    public boolean secret(String name) {
      return secrets.find(name).isPresent();
    }

    @Override
    public boolean script(String name) {
      return scriptExists(name);
    }
  }

  private final class Customer implements PipelineNames {
    private final String customer;

    Customer(String customer) {
      this.customer = customer;
    }

    @Override
    public boolean vfs(String entry) {
      Optional<User> u = users.find(customer);
      if (u.isEmpty()) return false;
      if (mounts(u.get().virtualFolders().stream().map(FolderMapping::name), entry)) return true;
      for (GroupMapping g : u.get().groups()) {
        if (g.type() == GroupMapping.MEMBERSHIP) continue;
        Optional<Group> group = groups.find(g.name());
        if (group.isPresent() && mounts(group.get().virtualFolders().stream().map(FolderMapping::name), entry))
          return true;
      }
      return false;
    }

    private boolean mounts(java.util.stream.Stream<String> mounted, String entry) {
      return mounted.anyMatch(entry::equals) && folders.find(entry).isPresent();
    }

    @Override
    public boolean user(String username) {
      return customer.equals(username) && users.find(username).isPresent();
    }

    @Override
    public boolean secret(String name) {
      return name.startsWith(customer + "/") && secrets.find(name).isPresent();
    }

    @Override
    public boolean script(String name) {
      return scriptExists(name);
    }
  }
}
