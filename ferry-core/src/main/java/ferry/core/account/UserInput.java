package ferry.core.account;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an admin sends to create or replace a user (PUT semantics: a null field takes its default,
 * except {@code password}: null or empty keeps the stored hash on update).
 *
 * @param status null for enabled
 * @param password plaintext, or an argon2id/bcrypt hash to store as is; never logged
 */
public record UserInput(
    String username,
    Integer status,
    String email,
    String description,
    Instant expirationDate,
    String password,
    List<String> publicKeys,
    String homeDir,
    Map<String, Set<Permission>> permissions,
    long quotaSize,
    long quotaFiles,
    long uploadBandwidth,
    long downloadBandwidth,
    int maxSessions,
    UserFilters filters,
    Map<String, Object> filesystem,
    List<GroupMapping> groups,
    List<FolderMapping> virtualFolders,
    String additionalInfo) {
  @Override
  public String toString() {
    return "UserInput[" + username + "]";
  }
}
