package ferry.httpd.files.admin;

import ferry.core.auth.Actor;
import ferry.core.error.NotFoundException;
import ferry.core.folder.FolderService;
import ferry.httpd.common.AccountJson;
import java.util.Optional;

/** The folders a user's or group's virtual_folders name, as answers show them. */
record FolderLookups(FolderService folders) {
  AccountJson.FolderLookup lookup(Actor actor) {
    return name -> {
      try {
        return Optional.of(AccountJson.folder(folders.get(actor, name), folders.stats(actor, name)));
      } catch (NotFoundException e) {
        return Optional.empty();
      }
    };
  }
}
