package ferry.store;

import ferry.core.account.FolderMapping;
import ferry.core.error.ValidationException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Folder mappings of users and groups: the same shape in two tables. */
final class Mappings {
  private Mappings() {}

  /** Inserts the mappings of one owner; a folder deleted meanwhile is a validation error. */
  static void insertFolders(Handle h, String table, String ownerColumn, long ownerId, List<FolderMapping> folders) {
    int i = 0;
    for (FolderMapping f : folders) {
      int n = h.createUpdate("INSERT INTO " + table + " (" + ownerColumn
              + ", folder_id, virtual_path, quota_size, quota_files, sort_order)"
              + " SELECT :owner, id, :vp, :qs, :qf, :o FROM folders WHERE name = :n")
          .bind("owner", ownerId).bind("vp", f.virtualPath()).bind("qs", f.quotaSize()).bind("qf", f.quotaFiles())
          .bind("o", i++).bind("n", f.name()).execute();
      if (n == 0) throw new ValidationException("virtual_folders: no folder named '" + f.name() + "' in the VFS Library");
    }
  }

  static List<FolderMapping> folders(Handle h, String table, String ownerColumn, long ownerId) {
    return h.createQuery("SELECT f.name, m.virtual_path, m.quota_size, m.quota_files FROM " + table
            + " m JOIN folders f ON f.id = m.folder_id WHERE m." + ownerColumn + " = :id ORDER BY m.sort_order")
        .bind("id", ownerId)
        .map((rs, ctx) -> new FolderMapping(rs.getString("name"), rs.getString("virtual_path"),
            rs.getLong("quota_size"), rs.getLong("quota_files")))
        .list();
  }
}
