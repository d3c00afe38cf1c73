package ferry.server;

import ferry.core.account.UsageRepository;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quota usage held in this process only. Wiring placeholder until the store's usage repository
 * (issue 4, accounts) is merged: Core then passes that one instead and this class goes.
 */
final class InMemoryUsage implements UsageRepository {
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
    users.merge(username, new Usage(size, files), InMemoryUsage::sum);
  }

  @Override
  public void addToFolder(String folderName, long size, long files) {
    folders.merge(folderName, new Usage(size, files), InMemoryUsage::sum);
  }

  private static Usage sum(Usage a, Usage b) {
    return new Usage(a.size() + b.size(), a.files() + b.files());
  }
}
