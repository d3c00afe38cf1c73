package ferry.script;

import java.io.IOException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * {@code VirtualFSByName(name)}: opens an entry of the VFS Library (once per name and run) and
 * returns its VFS object. It never throws: an unknown name or a failure to connect gives an object
 * whose every method fails with that reason.
 */
record VirtualFsFunction(VfsSession session) implements ProxyExecutable {
  @Override
  public Object execute(Value... args) {
    if (!JsValues.present(args, 0) || !args[0].isString() || args[0].asString().isBlank()) {
      return VfsObject.broken(session, "", "VirtualFSByName: no VFS name given").toJs();
    }
    String name = args[0].asString();
    return session
        .call(
            () -> {
              try {
                return VfsObject.opened(session, name, session.open(name));
              } catch (IOException e) {
                return VfsObject.broken(session, name, VfsErrorText.openFailure(name, e));
              }
            },
            message -> VfsObject.broken(session, name, name + ": " + message))
        .toJs();
  }
}
