package ferry.core.admin;

import java.util.List;

/**
 * The reference API's {@code AdminFilters} that Ferry enforces.
 *
 * @param allowList CIDR networks the admin may log in from; empty for anywhere
 * @param allowApiKeyAuth whether API keys may act as this admin
 */
public record AdminFilters(List<String> allowList, boolean allowApiKeyAuth) {
  public static final AdminFilters NONE = new AdminFilters(List.of(), false);

  public AdminFilters {
    allowList = List.copyOf(allowList == null ? List.of() : allowList);
  }
}
