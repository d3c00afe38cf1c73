package ferry.web.shares;

import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.WebRoutes;
import ferry.web.shares.tus.TusEndpoint;
import ferry.web.shares.tus.TusStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Uploads (tus) and shares: the client's shares pages and the public share pages (/web/shares). */
public final class SharePages {
  private static final Logger LOG = LoggerFactory.getLogger(SharePages.class);
  /** How long an unfinished upload can be resumed. */
  static final Duration KEEP_UPLOADS = Duration.ofHours(24);

  private final WebServices services;
  private final TusStore store;
  private final ShareUnlock unlock;

  public SharePages(WebServices services) {
    this.services = services;
    this.store = new TusStore(services.config().uploadStaging(), KEEP_UPLOADS, Clock.systemUTC());
    this.unlock = new ShareUnlock(Clock.systemUTC(), services.config().secureCookies());
  }

  public void register(WebRoutes web) {
    new TusEndpoint(store, new UserUploads(services.core())).register(web, UserUploads.BASE, Access.USER);
    new TusEndpoint(store, new ShareUploads(services.core().shares(), unlock))
        .register(web, "/web/shares/{shareId}/tus", Access.PUBLIC);
    new ClientShares(services.core().shares()).register(web);
    new PublicShares(services.core().shares(), unlock).register(web);
    schedulePruning();
  }

  /** Expired staged uploads go at start and every hour after (a daemon thread: it never holds the JVM). */
  private void schedulePruning() {
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ferry-web-upload-pruner");
      t.setDaemon(true);
      return t;
    });
    s.scheduleWithFixedDelay(() -> {
      int n = store.prune();
      if (n > 0) LOG.info("Removed {} expired staged uploads", n);
    }, 0, 1, TimeUnit.HOURS);
  }

  WebServices services() {
    return services;
  }
}
