package ferry.vfs;

class MemoryVfsTest extends VfsContract {
  @Override
  protected Vfs createVfs() {
    return new MemoryVfs();
  }

  /** The 100 MiB runs belong to the remote backends; here a few MiB prove the same path. */
  @Override
  protected long largeSize() {
    return 3 * MIB;
  }
}
