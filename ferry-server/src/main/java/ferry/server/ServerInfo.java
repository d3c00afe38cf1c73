package ferry.server;

/** What {@code <data-dir>/server.json} tells the CLI about the server running on that data dir. */
record ServerInfo(String url, long pid, String node) {
  String toJson() {
    return "{\"url\": \"" + url + "\", \"pid\": " + pid + ", \"node\": \"" + node + "\"}\n";
  }
}
