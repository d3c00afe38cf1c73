package ferry.core.session;

import java.time.Instant;

/**
 * An upload in progress, recorded so that a server killed mid-upload can, at its next start,
 * remove the partial file it left and log the upload as failed (issue 10).
 *
 * @param id unique id of the upload
 * @param owner the server instance that runs it (stable across restarts of one data dir)
 * @param username the user uploading
 * @param protocol the front end, e.g. {@code SFTP}
 * @param remoteAddr the client's IP address
 * @param connId the session id
 * @param folderName the virtual folder the file goes to, or null for the home
 * @param path the virtual path of the file
 * @param storagePath the path of the file inside the mount's storage
 * @param startedAt when the upload started
 */
public record OpenUpload(
    String id,
    String owner,
    String username,
    String protocol,
    String remoteAddr,
    String connId,
    String folderName,
    String path,
    String storagePath,
    Instant startedAt) {}
