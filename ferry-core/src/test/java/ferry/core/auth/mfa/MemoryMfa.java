package ferry.core.auth.mfa;

import ferry.core.auth.web.WebSession;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory {@link MfaRepository} for unit tests. */
final class MemoryMfa implements MfaRepository {
  final Map<String, MfaAccount> accounts = new ConcurrentHashMap<>();
  final Map<String, Set<String>> codes = new ConcurrentHashMap<>();

  private static String key(WebSession.Kind kind, String username) {
    return kind + ":" + username;
  }

  @Override
  public Optional<MfaAccount> find(WebSession.Kind kind, String username) {
    return Optional.ofNullable(accounts.get(key(kind, username)));
  }

  @Override
  public synchronized boolean savePending(MfaAccount a) {
    MfaAccount old = accounts.get(key(a.kind(), a.username()));
    if (old != null && old.enabled()) return false;
    accounts.put(key(a.kind(), a.username()), a);
    return true;
  }

  @Override
  public synchronized boolean enable(WebSession.Kind kind, String username, long step, List<String> hashes, Instant at) {
    MfaAccount a = accounts.get(key(kind, username));
    if (a == null || a.enabled()) return false;
    accounts.put(key(kind, username), new MfaAccount(kind, username, a.sealedSecret(), true, step, at));
    replaceCodes(kind, username, hashes);
    return true;
  }

  @Override
  public synchronized boolean advance(WebSession.Kind kind, String username, long step) {
    MfaAccount a = accounts.get(key(kind, username));
    if (a == null || !a.enabled() || a.lastStep() >= step) return false;
    accounts.put(key(kind, username), new MfaAccount(kind, username, a.sealedSecret(), true, step, a.updatedAt()));
    return true;
  }

  @Override
  public void replaceCodes(WebSession.Kind kind, String username, List<String> hashes) {
    codes.put(key(kind, username), new HashSet<>(hashes));
  }

  @Override
  public synchronized boolean useCode(WebSession.Kind kind, String username, String hash) {
    return codes.getOrDefault(key(kind, username), new HashSet<>()).remove(hash);
  }

  @Override
  public int codesLeft(WebSession.Kind kind, String username) {
    return codes.getOrDefault(key(kind, username), Set.of()).size();
  }

  @Override
  public synchronized boolean delete(WebSession.Kind kind, String username) {
    codes.remove(key(kind, username));
    return accounts.remove(key(kind, username)) != null;
  }
}
