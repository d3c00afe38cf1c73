package ferry.script;

import java.util.Map;

/**
 * What the globals of one run work with.
 *
 * @param params trigger-time parameters
 * @param host secrets and the job log of the server
 * @param masker masks the secrets the run read in what it reports
 * @param log the capped job log
 * @param control stops the run
 * @param http sends the run's HTTP requests
 * @param vfs the VFS Library entries the run opened, and its VFS worker
 */
record RunScope(
    Map<String, String> params,
    ScriptHost host,
    SecretMasker masker,
    RunLog log,
    RunControl control,
    HttpSender http,
    VfsSession vfs) {}
