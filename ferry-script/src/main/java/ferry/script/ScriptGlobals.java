package ferry.script;

import org.graalvm.polyglot.Value;

/**
 * Installs the script API into a fresh context. Each global is one small class; adding one is that
 * class plus one line here.
 */
final class ScriptGlobals {
  private ScriptGlobals() {}

  static void install(Value globals, RunScope scope) {
    ParamsFunction params = new ParamsFunction(scope.params());
    globals.putMember("Params", params);
    globals.putMember("Param", params);
    globals.putMember("GetSecret", new SecretFunction(scope.host(), scope.masker()));
    globals.putMember("Log", new LogObject(scope.log()));
    globals.putMember("Exit", new ExitFunction(scope.control()));
    globals.putMember("Sleep", new SleepFunction(scope.control()));
    globals.putMember("HttpCli", new HttpCliConstructor(scope.http()));
    globals.putMember("VirtualFSByName", new VirtualFsFunction(scope.vfs()));
  }
}
