import { AttendanceService } from './attendance-service.js';
import { CaseService } from './case-service.js';
import { ComponentAccessService } from './component-access.js';
import { DutySwapService } from './duty-swap-service.js';
import { FacilitationService } from './facilitation-service.js';
import { ChannelGuardService } from './channel-guard-service.js';
import { CircleDirectoryService } from './circle-directory-service.js';
import { CircleRepairService } from './circle-repair-service.js';
import { CircleService } from './circle-service.js';
import { CircleSettingsService } from './circle-settings-service.js';
import { MeetingEventsService } from './meeting-events-service.js';
import { MeetingService } from './meeting-service.js';
import { MembershipService } from './membership-service.js';
import type { ServiceDeps } from './ports.js';
import { ReminderService, type ReminderOptions } from './reminder-service.js';
import { RosterCheckService } from './roster-check-service.js';
import { RosterService } from './roster-service.js';
import { ScheduleService } from './schedule-service.js';
import { ServerSettingsService } from './server-settings-service.js';

export interface Services {
  server: ServerSettingsService;
  circles: CircleService;
  settings: CircleSettingsService;
  directory: CircleDirectoryService;
  membership: MembershipService;
  roster: RosterService;
  guard: ChannelGuardService;
  repair: CircleRepairService;
  schedules: ScheduleService;
  meetings: MeetingService;
  events: MeetingEventsService;
  reminders: ReminderService;
  attendance: AttendanceService;
  cases: CaseService;
  facilitation: FacilitationService;
  swaps: DutySwapService;
  access: ComponentAccessService;
}

/** Builds every service over one set of ports. */
export function createServices(deps: ServiceDeps, options: { reminders: ReminderOptions }): Services {
  const guard = new ChannelGuardService(deps);
  const events = new MeetingEventsService(deps);
  const facilitation = new FacilitationService(deps);
  return {
    server: new ServerSettingsService(deps),
    circles: new CircleService(deps, events),
    settings: new CircleSettingsService(deps),
    directory: new CircleDirectoryService(deps),
    membership: new MembershipService(deps),
    roster: new RosterService(deps),
    guard,
    repair: new CircleRepairService(deps, guard),
    schedules: new ScheduleService(deps, events),
    meetings: new MeetingService(deps, events, facilitation),
    events,
    reminders: new ReminderService(
      deps,
      new RosterCheckService(deps, guard),
      facilitation,
      options.reminders,
    ),
    attendance: new AttendanceService(deps),
    cases: new CaseService(deps),
    facilitation,
    swaps: new DutySwapService(deps, facilitation),
    access: new ComponentAccessService(deps),
  };
}
