package ferry.script;

import static java.util.Map.entry;

import ferry.vfs.CopyOptions;
import ferry.vfs.TargetPath;
import ferry.vfs.VPath;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The object {@code VirtualFSByName(name)} returns. Methods take paths as strings and return a
 * {@link VfsResult}; they never throw into the script. Bad arguments, and every call on an entry
 * that could not be opened, give a failed result whose {@code ErrorMsg()} names the VFS. Arguments
 * are read on the script thread; the work runs through {@link VfsSession#call}.
 */
final class VfsObject {
  private final VfsSession session;
  private final String name;
  private final ScriptVfs vfs;
  private final String failure;
  private final Handle js;

  private VfsObject(VfsSession session, String name, ScriptVfs vfs, String failure) {
    this.session = session;
    this.name = name;
    this.vfs = vfs;
    this.failure = failure;
    this.js = new Handle(this);
  }

  /** An opened library entry. */
  static VfsObject opened(VfsSession session, String name, ScriptVfs vfs) {
    return new VfsObject(session, name, vfs, "");
  }

  /** An entry that could not be opened: every method fails with {@code failure}. */
  static VfsObject broken(VfsSession session, String name, String failure) {
    return new VfsObject(session, name, null, failure.isEmpty() ? name + ": unavailable" : failure);
  }

  JsObject toJs() {
    return js;
  }

  /** The script object; it keeps its {@link VfsObject} so that CopyToVFS can recognise targets. */
  private static final class Handle extends JsObject {
    private final VfsObject owner;

    Handle(VfsObject owner) {
      super(owner.members());
      this.owner = owner;
    }
  }

  /** Work on the worker; an {@link IOException} becomes a failed result with its message. */
  private interface Work {
    VfsResult run() throws IOException;
  }

  /** Work on one path argument. */
  private interface PathWork {
    VfsResult run(VPath path) throws IOException;
  }

  /** Work without data; success is an ok result. */
  private interface Action {
    void run() throws IOException;
  }

  private Map<String, ProxyExecutable> members() {
    return Map.ofEntries(
        entry("Name", args -> name),
        entry("CopyToVFS", args -> transfer(args, false)),
        entry("MoveToVFS", args -> transfer(args, true)),
        entry("Download", args -> download(args)),
        entry("Upload", args -> upload(args)),
        entry("ReadDir", args -> path(VfsResult.Kind.DIR, args, p -> VfsFileOps.readDir(vfs, p))),
        entry("Stat", args -> path(VfsResult.Kind.STAT, args, p -> VfsResult.stat(vfs.stat(p)))),
        entry("Exists", args -> path(VfsResult.Kind.EXISTS, args, p -> VfsFileOps.exists(vfs, p))),
        entry("Mkdir", args -> path(VfsResult.Kind.BASIC, args, p -> ok(() -> vfs.mkdir(p)))),
        entry("MkdirAll", args -> path(VfsResult.Kind.BASIC, args, p -> ok(() -> vfs.mkdirs(p)))),
        entry("Remove", args -> path(VfsResult.Kind.BASIC, args, p -> ok(() -> vfs.remove(p)))),
        entry(
            "RemoveAll",
            args -> path(VfsResult.Kind.BASIC, args, p -> VfsFileOps.removeAll(vfs, p))),
        entry("Rename", args -> rename(args)),
        entry(
            "ReadFileAsText",
            args -> path(VfsResult.Kind.TEXT, args, p -> VfsFileOps.readText(vfs, p))),
        entry("WriteFileAsText", args -> writeText(args)));
  }

  private static VfsResult ok(Action action) throws IOException {
    action.run();
    return VfsResult.ok();
  }

  private JsObject path(VfsResult.Kind kind, Value[] args, PathWork work) {
    return guarded(
        kind,
        () -> {
          VPath p = path(args, 0, "path");
          return submit(kind, () -> work.run(p));
        });
  }

  private JsObject rename(Value[] args) {
    return guarded(
        VfsResult.Kind.BASIC,
        () -> {
          VPath from = path(args, 0, "source path");
          VPath to = path(args, 1, "target path");
          return submit(VfsResult.Kind.BASIC, () -> ok(() -> vfs.rename(from, to, false)));
        });
  }

  private JsObject writeText(Value[] args) {
    return guarded(
        VfsResult.Kind.BASIC,
        () -> {
          VPath p = path(args, 0, "path");
          if (!JsValues.present(args, 1) || args[1].hasMembers()) {
            throw new IllegalArgumentException(
                "WriteFileAsText needs the text as its second argument (JSON.stringify objects)");
          }
          String text = JsValues.text(args, 1);
          return submit(VfsResult.Kind.BASIC, () -> VfsFileOps.writeText(vfs, p, text));
        });
  }

  private JsObject transfer(Value[] args, boolean move) {
    return guarded(
        VfsResult.Kind.TRANSFER,
        () -> {
          VPath from = path(args, 0, "source path");
          VfsObject target = target(args, 1);
          VPath dstDir = path(args, 2, "target directory");
          CopyOptions options = TransferOptions.parse(args, 3);
          if (!target.failure.isEmpty()) {
            return VfsResult.failed(VfsResult.Kind.TRANSFER, target.failure).toJs();
          }
          VfsTransfer.Side src = new VfsTransfer.Side(name, vfs, "");
          VfsTransfer.Side dst = new VfsTransfer.Side(target.name, target.vfs, "");
          return submit(
              VfsResult.Kind.TRANSFER,
              () -> new VfsTransfer(session, options).copy(src, from, dst, dstDir, move));
        });
  }

  private JsObject download(Value[] args) {
    return guarded(
        VfsResult.Kind.TRANSFER,
        () -> {
          VPath remote = path(args, 0, "remote path");
          String local = localPath(args, 1);
          boolean intoDirectory = TargetPath.namesDirectory(local);
          CopyOptions options = TransferOptions.parse(args, 2);
          return submit(
              VfsResult.Kind.TRANSFER,
              () -> {
                LocalPaths.Resolved resolved =
                    LocalPaths.resolve(local, session.host().localDirs());
                VfsTransfer.Side src = new VfsTransfer.Side(name, vfs, "");
                VfsTransfer.Side dst = localSide(resolved);
                return new VfsTransfer(session, options)
                    .copyFile(src, remote, dst, new TargetPath(resolved.path(), intoDirectory));
              });
        });
  }

  private JsObject upload(Value[] args) {
    return guarded(
        VfsResult.Kind.TRANSFER,
        () -> {
          String local = localPath(args, 0);
          TargetPath remote = TargetPath.parse(text(args, 1, "remote path"));
          CopyOptions options = TransferOptions.parse(args, 2);
          return submit(
              VfsResult.Kind.TRANSFER,
              () -> {
                LocalPaths.Resolved resolved =
                    LocalPaths.resolve(local, session.host().localDirs());
                VfsTransfer.Side src = localSide(resolved);
                VfsTransfer.Side dst = new VfsTransfer.Side(name, vfs, "");
                return new VfsTransfer(session, options)
                    .copyFile(src, resolved.path(), dst, remote);
              });
        });
  }

  private VfsTransfer.Side localSide(LocalPaths.Resolved resolved) throws IOException {
    String root = resolved.root().toString();
    return new VfsTransfer.Side(TransferRecord.LOCAL, session.local(resolved.root()), root);
  }

  private JsObject guarded(VfsResult.Kind kind, Supplier<JsObject> call) {
    if (!failure.isEmpty()) {
      return VfsResult.failed(kind, failure).toJs();
    }
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      return VfsResult.failed(kind, name + ": " + e.getMessage()).toJs();
    }
  }

  private JsObject submit(VfsResult.Kind kind, Work work) {
    VfsResult result =
        session.call(
            () -> {
              try {
                return work.run();
              } catch (IOException e) {
                return VfsResult.failed(kind, VfsErrorText.message(e));
              }
            },
            message -> VfsResult.failed(kind, name + ": " + message));
    return result.toJs();
  }

  private static VPath path(Value[] args, int i, String what) {
    return VPath.of(text(args, i, what));
  }

  private static String text(Value[] args, int i, String what) {
    if (!JsValues.present(args, i) || !args[i].isString()) {
      throw new IllegalArgumentException(
          "argument " + (i + 1) + " (" + what + ") must be a string");
    }
    return args[i].asString();
  }

  private static String localPath(Value[] args, int i) {
    if (!JsValues.present(args, i) || !args[i].isString() || args[i].asString().isBlank()) {
      throw new IllegalArgumentException("argument " + (i + 1) + " (local path) must be a string");
    }
    return args[i].asString();
  }

  private VfsObject target(Value[] args, int i) {
    if (JsValues.present(args, i)
        && args[i].isProxyObject()
        && args[i].asProxyObject() instanceof Handle handle
        && handle.owner.session == session) {
      return handle.owner;
    }
    throw new IllegalArgumentException(
        "argument " + (i + 1) + " (target) must be a VFS object from VirtualFSByName(name)");
  }
}
