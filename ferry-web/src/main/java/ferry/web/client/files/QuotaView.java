package ferry.web.client.files;

import ferry.core.account.UserService.OwnQuota;

/**
 * The quota panel: used against the limit, for bytes and for files (a limit of 0 is none). Ferry
 * keeps no transfer quotas, so the panel shows none.
 */
public record QuotaView(OwnQuota quota) {
  public boolean sizeLimited() {
    return quota.quotaSize() > 0;
  }

  public boolean filesLimited() {
    return quota.quotaFiles() > 0;
  }

  public long usedSize() {
    return quota.usedSize();
  }

  public long usedFiles() {
    return quota.usedFiles();
  }

  public long sizeLimit() {
    return quota.quotaSize();
  }

  public long filesLimit() {
    return quota.quotaFiles();
  }

  /** Value for a {@code <progress max=limit>}: never above the limit. */
  public String sizeBar() {
    return Long.toString(Math.min(quota.usedSize(), quota.quotaSize()));
  }

  public String filesBar() {
    return Long.toString(Math.min(quota.usedFiles(), quota.quotaFiles()));
  }

  public int sizePercent() {
    return percent(quota.usedSize(), quota.quotaSize());
  }

  public int filesPercent() {
    return percent(quota.usedFiles(), quota.quotaFiles());
  }

  private static int percent(long used, long limit) {
    return limit <= 0 ? 0 : (int) Math.min(100, used * 100 / limit);
  }
}
