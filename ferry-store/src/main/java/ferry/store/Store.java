package ferry.store;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import ferry.core.admin.AdminRepository;
import ferry.core.agent.AgentRepository;
import ferry.core.account.GroupRepository;
import ferry.core.account.UsageRepository;
import ferry.core.account.UserRepository;
import ferry.core.auth.ApiKeyRepository;
import ferry.core.auth.token.TokenRepository;
import ferry.core.customer.CustomerRepository;
import ferry.core.pipeline.PipelineRepository;
import ferry.core.schedule.ScheduleRepository;
import ferry.core.folder.FolderRepository;
import ferry.core.job.JobRepository;
import ferry.core.job.ScriptRepository;
import ferry.core.secret.SecretRepository;
import ferry.core.session.OpenUploadRepository;
import ferry.core.settings.SettingsRepository;
import ferry.core.share.ShareRepository;
import ferry.core.transfer.TrackedTransferRepository;
import ferry.core.transfer.TransferRepository;

/** Every repository of one database. */
public final class Store implements AutoCloseable {
  private final Database db;
  private final AdminRepository admins;
  private final ApiKeyRepository apiKeys;
  private final SecretRepository secrets;
  private final ScriptRepository scripts;
  private final JobRepository jobs;
  private final SettingsRepository settings;
  private final FolderRepository folders;
  private final TransferRepository transfers;
  private final UserRepository users;
  private final GroupRepository groups;
  private final UsageRepository usage;
  private final OpenUploadRepository openUploads;
  private final TokenRepository tokens;
  private final ShareRepository shares;
  private final CustomerRepository customers;
  private final AgentRepository agents;
  private final TrackedTransferRepository trackedTransfers;
  private final ScheduleRepository schedules;
  private final PipelineRepository pipelines;
  private final ferry.core.auth.web.WebSessionRepository webSessions;
  private final ferry.core.auth.mfa.MfaRepository mfa;

  public Store(Database db) {
    this.db = db;
    var jdbi = db.jdbi();
    this.admins = new JdbcAdminRepository(jdbi);
    this.apiKeys = new JdbcApiKeyRepository(jdbi);
    this.secrets = new JdbcSecretRepository(jdbi);
    this.scripts = new JdbcScriptRepository(jdbi);
    this.jobs = new JdbcJobRepository(jdbi, db.dialect());
    this.settings = new JdbcSettingsRepository(jdbi);
    this.folders = new JdbcFolderRepository(jdbi);
    this.transfers = new JdbcTransferRepository(jdbi);
    this.users = new JdbcUserRepository(jdbi);
    this.groups = new JdbcGroupRepository(jdbi);
    this.usage = new JdbcUsageRepository(jdbi);
    this.openUploads = new JdbcOpenUploadRepository(jdbi, db.dialect());
    this.tokens = new JdbcTokenRepository(jdbi);
    this.shares = new JdbcShareRepository(jdbi);
    this.customers = new JdbcCustomerRepository(jdbi);
    this.agents = new JdbcAgentRepository(jdbi);
    this.trackedTransfers = new JdbcTrackedTransferRepository(jdbi);
    this.schedules = new JdbcScheduleRepository(jdbi);
    this.pipelines = new JdbcPipelineRepository(jdbi);
    this.webSessions = new JdbcWebSessionRepository(jdbi);
    this.mfa = new JdbcMfaRepository(jdbi);
  }

  /** Opens and migrates the database at {@code url}. */
  public static Store open(String url, int poolSize) {
    return new Store(Database.open(url, poolSize));
  }

  /** Reports the connection pool to {@code factory}'s tracker (the server's metrics); once only. */
  public void trackPool(MetricsTrackerFactory factory) {
    db.trackPool(factory);
  }

  /** The kind of database, as the status answer names it: {@code h2} or {@code postgresql}. */
  public String driver() {
    return db.dialect() == SqlDialect.H2 ? "h2" : "postgresql";
  }

  /** Runs a trivial query; empty when the database answers, else what went wrong (without the URL). */
  public java.util.Optional<String> check() {
    try {
      db.jdbi().useHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
      return java.util.Optional.empty();
    } catch (RuntimeException e) {
      return java.util.Optional.of("the database does not answer: " + e.getClass().getSimpleName());
    }
  }

  /** True for the embedded database, which only this process can open. */
  public boolean isExclusive() {
    return db.dialect() == SqlDialect.H2;
  }

  public AdminRepository admins() {
    return admins;
  }

  public ApiKeyRepository apiKeys() {
    return apiKeys;
  }

  public SecretRepository secrets() {
    return secrets;
  }

  public ScriptRepository scripts() {
    return scripts;
  }

  public JobRepository jobs() {
    return jobs;
  }

  public SettingsRepository settings() {
    return settings;
  }

  public FolderRepository folders() {
    return folders;
  }

  public TransferRepository transfers() {
    return transfers;
  }

  public UserRepository users() {
    return users;
  }

  public GroupRepository groups() {
    return groups;
  }

  /** Quota usage of users and folders, updated atomically. */
  public UsageRepository usage() {
    return usage;
  }

  /** File-server uploads in progress. */
  public OpenUploadRepository openUploads() {
    return openUploads;
  }

  /** The /api/v2 JWT signing key and revoked tokens. */
  public TokenRepository tokens() {
    return tokens;
  }

  /** The file server's shares. */
  public ShareRepository shares() {
    return shares;
  }

  public CustomerRepository customers() {
    return customers;
  }

  /** The customers' agents and their registration codes. */
  public AgentRepository agents() {
    return agents;
  }

  /** Agents' transfers beside the server's, for the orchestration face. */
  public TrackedTransferRepository trackedTransfers() {
    return trackedTransfers;
  }

  /** Agents' client certificates (mTLS); stateless, so made on demand. */
  public ferry.core.agent.certificate.AgentCertificateRepository agentCertificates() {
    return new JdbcAgentCertificateRepository(db.jdbi());
  }

  /** Scheduled jobs and their runs. */
  public ScheduleRepository schedules() {
    return schedules;
  }

  /** Pipelines, their versions, runs, steps, delivered files and seen keys (issue 14). */
  public PipelineRepository pipelines() {
    return pipelines;
  }

  /** The pool itself, for libraries that keep their own tables in this database (db-scheduler). */
  public javax.sql.DataSource dataSource() {
    return db.dataSource();
  }

  @Override
  public void close() {
    db.close();
  }

  public ferry.core.auth.web.WebSessionRepository webSessions() {
    return webSessions;
  }

  /** The second factors of web logins (issue 15). */
  public ferry.core.auth.mfa.MfaRepository mfa() {
    return mfa;
  }
}
