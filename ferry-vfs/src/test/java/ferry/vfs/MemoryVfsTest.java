package ferry.vfs;

class MemoryVfsTest extends VfsContract {
  @Override
  protected Vfs createVfs() {
    return new MemoryVfs();
  }
}
