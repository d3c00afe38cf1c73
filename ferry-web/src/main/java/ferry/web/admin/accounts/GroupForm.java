package ferry.web.admin.accounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.core.account.Group;
import ferry.core.account.GroupInput;
import ferry.core.account.GroupUserSettings;
import ferry.httpd.common.AccountJson;

/** The group edit form: its fields to a {@link GroupInput} through the /api/v2 Group JSON, and back. */
final class GroupForm {
  private GroupForm() {}

  static GroupInput input(FormValues f) {
    ObjectNode g = AccountFields.object();
    g.put("name", f.v("name"));
    g.put("description", f.v("description"));
    ObjectNode s = g.putObject("user_settings");
    s.put("home_dir", f.v("home_dir"));
    for (String n : new String[] {"max_sessions", "quota_size", "quota_files", "upload_bandwidth", "download_bandwidth",
        "expires_in"})
      s.put(n, AccountFields.number(f, n));
    s.set("permissions", AccountFields.permissions(f, false));
    s.set("filters", AccountFields.filters(f));
    s.set("filesystem", AccountFields.filesystem(f));
    g.set("virtual_folders", AccountFields.folders(f));
    return AccountJson.groupInput(g);
  }

  static FormValues of(Group g) {
    GroupUserSettings s = g.userSettings();
    FormValues f = FormValues.empty().set("name", g.name()).set("description", g.description());
    f.set("home_dir", s.homeDir());
    f.set("max_sessions", String.valueOf(s.maxSessions()));
    f.set("quota_size", String.valueOf(s.quotaSize()));
    f.set("quota_files", String.valueOf(s.quotaFiles()));
    f.set("upload_bandwidth", String.valueOf(s.uploadBandwidth()));
    f.set("download_bandwidth", String.valueOf(s.downloadBandwidth()));
    f.set("expires_in", String.valueOf(s.expiresIn()));
    AccountFields.putPermissions(f, s.permissions());
    AccountFields.putFilters(f, s.filters());
    AccountFields.putFilesystem(f, s.filesystem());
    AccountFields.putFolders(f, g.virtualFolders());
    return f;
  }
}
