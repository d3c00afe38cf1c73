package ferry.core.admin;

import java.util.Arrays;
import java.util.Optional;

/** What an admin may do on the file server's admin API; {@link #wire()} is the reference's {@code AdminPermissions}. */
public enum AdminPermission {
  ALL("*"),
  ADD_USERS("add_users"),
  EDIT_USERS("edit_users"),
  DEL_USERS("del_users"),
  VIEW_USERS("view_users"),
  VIEW_CONNS("view_conns"),
  CLOSE_CONNS("close_conns"),
  VIEW_STATUS("view_status"),
  MANAGE_FOLDERS("manage_folders"),
  MANAGE_GROUPS("manage_groups"),
  QUOTA_SCANS("quota_scans"),
  MANAGE_DEFENDER("manage_defender"),
  VIEW_DEFENDER("view_defender"),
  VIEW_EVENTS("view_events"),
  DISABLE_MFA("disable_mfa");

  private final String wire;

  AdminPermission(String wire) {
    this.wire = wire;
  }

  /** The value as the API spells it, e.g. {@code add_users}. */
  public String wire() {
    return wire;
  }

  /** The permission an API value names, or empty for an unknown value. */
  public static Optional<AdminPermission> fromWire(String value) {
    return Arrays.stream(values()).filter(p -> p.wire.equals(value)).findFirst();
  }
}
