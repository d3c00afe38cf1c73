package ferry.server;

/**
 * What {@code <data-dir>/server.json} tells the CLI (and tests) about the server running on that
 * data dir; {@code sftpPort} is the bound SFTP/SCP port, or null when that server is off.
 */
record ServerInfo(String url, long pid, String node, Integer sftpPort) {
  String toJson() {
    return "{\"url\": \"" + url + "\", \"pid\": " + pid + ", \"node\": \"" + node + "\""
        + (sftpPort == null ? "" : ", \"sftp_port\": " + sftpPort) + "}\n";
  }
}
