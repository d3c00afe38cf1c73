package ferry.server;

import ferry.core.admin.AdminService;
import ferry.core.account.GroupService;
import ferry.core.account.PasswordHasher;
import ferry.core.account.UsageRepository;
import ferry.core.account.UserProfiles;
import ferry.core.account.UserService;
import ferry.core.auth.ApiKeyService;
import ferry.core.auth.Defender;
import ferry.core.auth.FileApiKeyService;
import ferry.core.auth.PasswordChecks;
import ferry.core.auth.ScoreDefender;
import ferry.core.auth.token.TokenService;
import ferry.core.folder.Filesystems;
import ferry.core.folder.FolderService;
import ferry.core.job.JobService;
import ferry.core.job.ScriptFiles;
import ferry.core.job.ScriptService;
import ferry.core.quota.QuotaService;
import ferry.core.secret.SecretCipher;
import ferry.core.secret.SecretService;
import ferry.core.session.Connections;
import ferry.core.session.DeferredWriter;
import ferry.core.account.LoginCache;
import ferry.core.account.UserRepository;
import ferry.core.account.GroupRepository;
import ferry.core.folder.FolderRepository;
import ferry.core.session.FileSessions;
import ferry.core.share.ShareService;
import ferry.core.customer.CustomerService;
import ferry.core.agent.AgentService;
import ferry.core.session.InterruptedUploads;
import ferry.core.session.TransferLog;
import ferry.core.settings.SettingsService;
import ferry.core.transfer.TransferRecord;
import ferry.core.transfer.TrackedTransferService;
import ferry.core.transfer.TransferService;
import ferry.script.ScriptConfig;
import ferry.script.ScriptEngine;
import ferry.store.Database;
import ferry.store.Store;
import ferry.vfs.Vfs;
import ferry.vfs.VfsProviders;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** The database, the core services and the script engine: what both the server and `ferry run` need. */
final class Core implements AutoCloseable {
  final Store store;
  final ScriptEngine engine;
  final ApiKeyService apiKeys;
  final AdminService admins;
  final SecretService secrets;
  final ScriptService scripts;
  final JobService jobs;
  final SettingsService settings;
  final FolderService folders;
  /** File-server users; also the {@link ferry.core.account.UserDirectory} logins go through. */
  final UserService users;
  final GroupService groups;
  /** Quota usage of users and folders, for the file sessions. */
  final UsageRepository usage;
  final ScriptJobExecutor executor;
  final Defender defender;
  /** Password checks of every protocol, off the threads that serve requests. */
  final PasswordChecks passwordChecks = PasswordChecks.defaults();
  final TransferService transfers;
  /** The live file-server connections of this node. */
  final Connections connections;
  /** The /api/v2 JWTs, signed with the key every node shares. */
  final TokenService tokens;
  /** The /api/v2 API keys (X-SFTPGO-API-KEY). */
  final FileApiKeyService fileApiKeys;
  /** Opens the file session of each SFTP/SCP/HTTP login. */
  final FileSessions fileSessions;
  /** Quota scans and usage updates of admins. */
  final QuotaService quotas;
  /** What users change about themselves. */
  final UserProfiles profiles;
  /** Users' shares and their public visits. */
  final ShareService shares;
  final ferry.core.auth.web.WebSessionService webSessions;
  /** The second factor (TOTP, recovery codes) of web logins. */
  final ferry.core.auth.mfa.MfaService mfa;
  /** Which users hold the customer role of the orchestration face. */
  final CustomerService customers;
  /** The customers' agents. */
  final AgentService agents;
  /** Agents' transfers and the server's, as the orchestration face lists them. */
  final TrackedTransferService trackedTransfers;
  /** Agents' client certificates and the agent CA (sealed in the database, shared by every node). */
  final ferry.core.agent.certificate.AgentCertificateService agentCertificates;
  /** Scheduled jobs, and the scheduler that fires the server's (started by the server only). */
  final ferry.server.schedule.ServerSchedules schedules;
  /** Pipelines (issue 14): definitions, versions and runs, for the API and the CLI. */
  final ferry.pipeline.PipelineService pipelines;
  /** Pipelines' runs and triggers (issue 14): carried by the server's scheduler once it starts. */
  final ferry.server.pipeline.ServerPipelines pipelineRuns;

  private final DeferredWriter deferredWrites = new DeferredWriter();
  private final ExecutorService quotaScans =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ferry-quota-scan-", 0).factory());
  private final InterruptedUploads interruptedUploads;
  private final String instanceId;

  Core(ServerConfig cfg, DataDir dir, Clock clock) {
    this(cfg, dir, clock, record -> {});
  }

  /** With {@code transferEnded} told of every transfer record once it is stored (the server's metrics). */
  Core(ServerConfig cfg, DataDir dir, Clock clock, Consumer<TransferRecord> transferEnded) {
    String url = cfg.dbUrl() != null ? cfg.dbUrl() : Database.embeddedUrl(dir.root());
    byte[] masterKey = MasterKey.load(dir, cfg.masterKey());
    this.store = Store.open(url, cfg.dbPoolSize());
    try {
      this.engine = new ScriptEngine(ScriptConfig.defaults().withRunMemoryLimit(cfg.scriptMemoryLimit()));
      this.apiKeys = new ApiKeyService(store.apiKeys(), clock);
      this.admins = new AdminService(store.admins(), new PasswordHasher(), clock);
      SecretCipher cipher = new SecretCipher(masterKey);
      this.secrets = new SecretService(store.secrets(), cipher, clock);
      this.tokens = new TokenService(store.tokens(), cipher, clock);
      this.scripts = new ScriptService(store.scripts(), new ScriptSyntax(engine), clock);
      this.settings = new SettingsService(store.settings());
      VfsProviders providers = VfsProviders.discover(Core.class.getClassLoader());
      // every writer of users, groups and folders on this node goes through these: a change drops the cached logins
      LoginCache logins = new LoginCache();
      UserRepository userRepo = logins.watching(store.users());
      GroupRepository groupRepo = logins.watching(store.groups());
      FolderRepository folderRepo = logins.watching(store.folders());
      this.folders = new FolderService(folderRepo, cipher, providers, dir.root(), clock, deferredWrites::settle);
      Filesystems filesystems = new Filesystems(cipher, dir.root());
      PasswordHasher hasher = new PasswordHasher();
      this.users = new UserService(userRepo, groupRepo, folderRepo, filesystems, hasher, clock,
          deferredWrites::settle, logins);
      this.fileApiKeys = new FileApiKeyService(store.apiKeys(), admins, users, clock);
      this.groups = new GroupService(groupRepo, userRepo, folderRepo, filesystems, clock);
      this.usage = store.usage();
      this.jobs = new JobService(store.jobs(), scripts, new ScriptFiles(cfg.scriptDirs()), settings, store.transfers(),
          cfg.jobLimits(), clock);
      // the pipelines' upload trigger is told of transfers too; it exists only further down (issue 14)
      java.util.concurrent.atomic.AtomicReference<Consumer<TransferRecord>> uploadTrigger =
          new java.util.concurrent.atomic.AtomicReference<>(record -> {});
      Consumer<TransferRecord> told = transferEnded.andThen(record -> uploadTrigger.get().accept(record));
      TransferLog transferLog = new TransferLog(telling(told, store.transfers()::insert));
      this.executor = new ScriptJobExecutor(engine, secrets, folders, transferLog, cfg.localDirs(),
          cfg.scriptTimeLimit(), clock);
      this.defender = new ScoreDefender(cfg.defender(), clock);
      this.transfers = new TransferService(store.transfers(), deferredWrites::settle);
      this.connections = new Connections();
      // File sessions record transfers and charge quotas off their protocol threads (bench/sftp).
      this.instanceId = dir.id();
      UsageRepository sessionUsage = deferredWrites.usage(usage);
      this.fileSessions = new FileSessions(providers, sessionUsage,
          TransferLog.batched(tellingAll(told, store.transfers()::insertAll), deferredWrites), connections,
          deferredWrites.openUploads(store.openUploads(), instanceId), clock);
      this.quotas = new QuotaService(users::findSessionUser, new QuotaService.Folders() {
        @Override
        public boolean exists(String name) {
          return store.folders().find(name).isPresent();
        }

        @Override
        public Vfs open(String name) throws IOException {
          return folders.open(name);
        }
      }, providers, sessionUsage, quotaScans, clock,
          deferredWrites::settle);
      this.profiles = new UserProfiles(userRepo, hasher, clock);
      this.interruptedUploads = new InterruptedUploads(store.openUploads(), users::findSessionUser, providers,
          transferLog, clock);
      this.customers = new CustomerService(store.customers(), userRepo, clock);
      this.agents = new AgentService(store.agents(), customers, settings, clock);
      this.trackedTransfers = new TrackedTransferService(store.trackedTransfers(), clock, deferredWrites::settle);
      this.agentCertificates = new ferry.core.agent.certificate.AgentCertificateService(store.agentCertificates(),
          ferry.server.agentca.AgentCa.load(store.tokens(), cipher, clock), clock);
      this.schedules = new ferry.server.schedule.ServerSchedules(store, folders, scripts, jobs, customers, transferLog,
          id -> agents.find(id).map(ferry.core.agent.Agent::customer), clock);
      ferry.server.pipeline.OwnerNames ownerNames = new ferry.server.pipeline.OwnerNames(store.folders(), store.users(),
          store.groups(), store.secrets(), store.scripts());
      this.pipelineRuns = new ferry.server.pipeline.ServerPipelines(new ferry.server.pipeline.ServerPipelines.Wiring(
          store.pipelines(), store.dataSource(), folders, users, fileSessions, secrets, ownerNames,
          call -> executor.runForPipeline(scripts.getByName(call.name()), call, ownerNames.apply(call.customer())),
          ferry.pipeline.step.Steps::runner, transferLog::write, dir.root(), clock));
      schedules.scheduler().alsoRun(pipelineRuns.tasks());
      uploadTrigger.set(pipelineRuns.transferEnded());
      this.pipelines = new ferry.pipeline.PipelineService(store.pipelines(), pipelineRuns.runs(), ownerNames, clock);
      this.shares = new ShareService(store.shares(), users, fileSessions, hasher, passwordChecks, defender, clock);
      this.webSessions = new ferry.core.auth.web.WebSessionService(store.webSessions(), clock);
      this.mfa = new ferry.core.auth.mfa.MfaService(store.mfa(), cipher, defender, clock);
      schedules.scheduler().alsoRun(java.util.List.of(ferry.server.schedule.WebSessionPruning.task(webSessions)));
    } catch (RuntimeException e) {
      quotaScans.shutdownNow();
      passwordChecks.close();
      deferredWrites.close();
      store.close();
      throw e;
    }
  }

  // After the sink: when a batch fails, TransferLog stores its records again one by one, and each
  // must be told once.
  private static Consumer<TransferRecord> telling(Consumer<TransferRecord> listener, Consumer<TransferRecord> sink) {
    return record -> {
      sink.accept(record);
      listener.accept(record);
    };
  }

  private static Consumer<List<TransferRecord>> tellingAll(
      Consumer<TransferRecord> listener, Consumer<List<TransferRecord>> sink) {
    return batch -> {
      sink.accept(batch);
      batch.forEach(listener);
    };
  }

  /**
   * Removes the partial files of uploads this data dir's server had in progress when it last
   * stopped without closing them, and logs those uploads as failed; call before serving files.
   */
  int sweepInterruptedUploads(java.time.Instant startedAt) {
    return interruptedUploads.sweep(instanceId, startedAt);
  }

  /** The system clock in microseconds, the precision both databases keep, so answers match what is stored. */
  static Clock clock() {
    return Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1000));
  }

  @Override
  public void close() {
    pipelineRuns.close();
    schedules.close();
    // A scan cut short leaves the usage as it was; the admin starts it again.
    quotaScans.shutdownNow();
    passwordChecks.close();
    engine.close();
    deferredWrites.close();
    store.close();
  }
}
