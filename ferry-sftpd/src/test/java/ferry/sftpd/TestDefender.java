package ferry.sftpd;

import ferry.core.auth.Defender;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records events and admits everyone except the IPs in {@link #banned}. */
final class TestDefender implements Defender {
  record Recorded(String ip, Event event) {}

  final List<Recorded> events = new CopyOnWriteArrayList<>();
  final Set<String> banned = ConcurrentHashMap.newKeySet();
  final AtomicInteger open = new AtomicInteger();
  final List<BanListener> listeners = new CopyOnWriteArrayList<>();

  /** Bans {@code ip} as the Defender would: from now on, and telling the listeners. */
  void ban(String ip) {
    banned.add(ip);
    listeners.forEach(l -> l.banned(ip));
  }

  @Override
  public boolean isBanned(String ip) {
    return banned.contains(ip);
  }

  @Override
  public void record(String ip, Event event) {
    events.add(new Recorded(ip, event));
  }

  @Override
  public Optional<Lease> admit(String ip) {
    if (banned.contains(ip)) {
      return Optional.empty();
    }
    open.incrementAndGet();
    return Optional.of(open::decrementAndGet);
  }

  @Override
  public Registration onBan(BanListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public List<Ban> bans() {
    return banned.stream().map(ip -> new Ban(ip, Instant.MAX, 1)).toList();
  }

  @Override
  public boolean unban(String ip) {
    return banned.remove(ip);
  }
}
