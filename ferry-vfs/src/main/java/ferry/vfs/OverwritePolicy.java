package ferry.vfs;

/** What {@link VfsCopier} does when the target file already exists. */
public enum OverwritePolicy {
  /** Keep the existing file; the copy is reported as skipped. */
  NEVER,
  /** Always replace it. */
  ALWAYS,
  /** Replace it if its size differs from the source's. */
  IF_SIZE_DIFFERS,
  /** Replace it if the source was modified after it. */
  IF_NEWER
}
