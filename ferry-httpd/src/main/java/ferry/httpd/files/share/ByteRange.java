package ferry.httpd.files.share;

/**
 * One byte range of a {@code Range: bytes=...} header, resolved against a file's size. Several
 * ranges in one header are served as the whole file (RFC 9110 lets a server ignore Range).
 *
 * @param start the first byte
 * @param length how many bytes
 */
record ByteRange(long start, long length) {
  /** What the client asked for: the whole file (null), a range, or {@link #UNSATISFIABLE}. */
  static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  static ByteRange parse(String header, long size) {
    if (header == null || !header.startsWith("bytes=") || header.contains(",")) return null;
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) return null;
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) { // the last n bytes
        long n = Long.parseLong(b);
        if (n <= 0 || size == 0) return UNSATISFIABLE;
        long len = Math.min(n, size);
        return new ByteRange(size - len, len);
      }
      long start = Long.parseLong(a);
      long end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
      if (start < 0 || start >= size || end < start) return UNSATISFIABLE;
      return new ByteRange(start, end - start + 1);
    } catch (NumberFormatException e) {
      return null; // a malformed Range is ignored
    }
  }

  String contentRange(long size) {
    return "bytes " + start + "-" + (start + length - 1) + "/" + size;
  }
}
