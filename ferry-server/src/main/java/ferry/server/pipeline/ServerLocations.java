package ferry.server.pipeline;

import ferry.core.account.UserService;
import ferry.core.folder.FolderService;
import ferry.core.session.FileSessions;
import ferry.core.session.SessionUser;
import ferry.pipeline.definition.Location;
import ferry.pipeline.run.Locations;
import ferry.vfs.Vfs;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * Opens pipeline locations on this server: {@code vfs:} as the VFS Library entry, {@code user:} as
 * a file session of that user (protocol {@link #PROTOCOL}, so that the upload trigger never takes
 * a pipeline's own deliveries for a user's uploads).
 */
final class ServerLocations implements Locations {
  /** The protocol of pipelines' file sessions, in transfer records and the connection list. */
  static final String PROTOCOL = "PIPELINE";
  static final String LOCAL_ADDRESS = "127.0.0.1";

  private final FolderService folders;
  private final UserService users;
  private final FileSessions sessions;

  ServerLocations(FolderService folders, UserService users, FileSessions sessions) {
    this.folders = folders;
    this.users = users;
    this.sessions = sessions;
  }

  @Override
  public Vfs open(Location location) throws IOException {
    if (location.vfs() != null) {
      try {
        return folders.open(location.vfs());
      } catch (ferry.core.error.NotFoundException e) {
        throw new NoSuchFileException("vfs:" + location.vfs(), null, "no such VFS Library entry");
      }
    }
    SessionUser u = users.findSessionUser(location.user())
        .orElseThrow(() -> new NoSuchFileException("user:" + location.user(), null, "no such user"));
    // a pipeline's session does not count against the user's own max_sessions
    SessionUser unlimited = new SessionUser(u.username(), u.permissions(), u.filePatterns(), u.quotaSize(),
        u.quotaFiles(), u.maxUploadFileSize(), 0, 0, 0, u.mounts());
    return new SessionVfs(sessions.open(unlimited, PROTOCOL, LOCAL_ADDRESS));
  }
}
