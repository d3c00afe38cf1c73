package ferry.server.schedule;

import ferry.core.customer.CustomerService;
import ferry.core.error.NotFoundException;
import ferry.core.folder.FolderService;
import ferry.core.job.JobService;
import ferry.core.job.ScriptService;
import ferry.core.schedule.AgentOwners;
import ferry.core.schedule.ScheduleService;
import ferry.core.schedule.ServerFirings;
import ferry.core.session.TransferLog;
import ferry.store.Store;
import java.time.Clock;

/** The scheduled jobs of one server: the service the API calls and the scheduler that fires them. */
public final class ServerSchedules implements AutoCloseable {
  private final ScheduleService service;
  private final JobScheduler scheduler;

  public ServerSchedules(Store store, FolderService folders, ScriptService scripts, JobService jobs,
      CustomerService customers, TransferLog transfers, AgentOwners agents, Clock clock) {
    ServerFirings firings = new ServerFirings(store.schedules(), clock);
    this.scheduler = new JobScheduler(store.dataSource(), firings,
        new ServerJobRunner(firings, folders, jobs, transfers, clock), clock);
    this.service = new ScheduleService(store.schedules(), store.folders(), name -> exists(scripts, name), agents,
        customers::isCustomer, scheduler, clock);
  }

  public ScheduleService service() {
    return service;
  }

  public JobScheduler scheduler() {
    return scheduler;
  }

  private static boolean exists(ScriptService scripts, String name) {
    try {
      scripts.getByName(name);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  @Override
  public void close() {
    scheduler.close();
  }
}
