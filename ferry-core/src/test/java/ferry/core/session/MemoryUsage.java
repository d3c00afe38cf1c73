package ferry.core.session;

import ferry.core.account.UsageRepository;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory {@link UsageRepository} for tests. */
final class MemoryUsage implements UsageRepository {
  private final Map<String, Usage> users = new ConcurrentHashMap<>();
  private final Map<String, Usage> folders = new ConcurrentHashMap<>();

  @Override
  public Usage user(String username) {
    return users.getOrDefault(username, new Usage(0, 0));
  }

  @Override
  public Usage folder(String folderName) {
    return folders.getOrDefault(folderName, new Usage(0, 0));
  }

  @Override
  public void addToUser(String username, long size, long files) {
    users.merge(username, new Usage(size, files), MemoryUsage::sum);
  }

  @Override
  public void addToFolder(String folderName, long size, long files) {
    folders.merge(folderName, new Usage(size, files), MemoryUsage::sum);
  }

  @Override
  public void setUser(String username, long size, long files) {
    users.put(username, new Usage(size, files));
  }

  @Override
  public void setFolder(String folderName, long size, long files) {
    folders.put(folderName, new Usage(size, files));
  }

  private static Usage sum(Usage a, Usage b) {
    return new Usage(a.size() + b.size(), a.files() + b.files());
  }
}
