package ferry.core.account;

import java.util.List;

/** What an admin sends to create or replace a group; null fields take their defaults. */
public record GroupInput(
    String name, String description, GroupUserSettings userSettings, List<FolderMapping> virtualFolders) {}
