package ferry.web.admin.accounts;

import ferry.core.account.GroupMapping;
import ferry.core.account.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One user as a row of the list shows it. */
public record UserRow(User user) {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  public String username() {
    return user.username();
  }

  public String href() {
    return UserList.PATH + "/" + URLEncoder.encode(user.username(), StandardCharsets.UTF_8);
  }

  public boolean enabled() {
    return user.status() == User.ENABLED;
  }

  public String email() {
    return user.email() == null ? "" : user.email();
  }

  public String groups() {
    return String.join(", ", user.groups().stream().map(GroupMapping::name).toList());
  }

  /** {@code local}, {@code s3}, {@code sftp} or {@code ftp}: the key of its label. */
  public String storage() {
    return AccountFields.providerName(user.filesystem());
  }

  public long usedSize() {
    return user.usage().usedSize();
  }

  public long usedFiles() {
    return user.usage().usedFiles();
  }

  public long quotaSize() {
    return user.quotaSize();
  }

  public long quotaFiles() {
    return user.quotaFiles();
  }

  public String size(long bytes) {
    return Sizes.human(bytes);
  }

  public String lastLogin() {
    return user.lastLogin() == null ? "" : WHEN.format(user.lastLogin());
  }

  public long uploadBandwidth() {
    return user.uploadBandwidth();
  }

  public long downloadBandwidth() {
    return user.downloadBandwidth();
  }
}
