import { AttendanceService } from './attendance/index.js';
import { PrivacyService, type RetentionPolicy, RetentionService } from './privacy/index.js';
import { CaseService } from './cases/index.js';
import {
  CircleDirectoryService,
  CircleService,
  CircleSettingsService,
  ComponentAccessService,
} from './circles/index.js';
import { DropInService } from './dropins/index.js';
import { DutySwapService, FacilitationService } from './facilitation/index.js';
import { ChannelGuardService, CircleRepairService, RosterCheckService } from './channels/index.js';
import { MeetingEventsService, MeetingService, ScheduleService } from './meetings/index.js';
import { MembershipService, RosterService } from './membership/index.js';
import { OpenCallService } from './open-calls/index.js';
import type { ServiceDeps } from './kernel/index.js';
import { ReminderService, type ReminderOptions } from './reminders/index.js';
import { ServerSettingsService } from './server/index.js';

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
  privacy: PrivacyService;
  retention: RetentionService;
  cases: CaseService;
  facilitation: FacilitationService;
  swaps: DutySwapService;
  access: ComponentAccessService;
  openCalls: OpenCallService;
  dropIns: DropInService;
}

/** Builds every service over one set of ports. */
export function createServices(
  deps: ServiceDeps,
  options: { reminders: ReminderOptions; retention?: Partial<RetentionPolicy> },
): Services {
  const openCalls = new OpenCallService(deps);
  // Every other service tells the open calls when a circle changed, so its public card follows.
  deps = { ...deps, changes: openCalls };
  const guard = new ChannelGuardService(deps);
  const events = new MeetingEventsService(deps);
  const facilitation = new FacilitationService(deps);
  const schedules = new ScheduleService(deps, events);
  const dropIns = new DropInService(deps);
  return {
    server: new ServerSettingsService(deps),
    circles: new CircleService(deps, events, schedules),
    settings: new CircleSettingsService(deps),
    directory: new CircleDirectoryService(deps),
    membership: new MembershipService(deps),
    roster: new RosterService(deps),
    guard,
    repair: new CircleRepairService(deps, guard),
    schedules,
    meetings: new MeetingService(deps, events, facilitation, dropIns),
    events,
    reminders: new ReminderService(
      deps,
      new RosterCheckService(deps, guard),
      facilitation,
      options.reminders,
    ),
    attendance: new AttendanceService(deps),
    privacy: new PrivacyService(deps),
    retention: new RetentionService(deps, options.retention),
    cases: new CaseService(deps),
    facilitation,
    swaps: new DutySwapService(deps, facilitation),
    access: new ComponentAccessService(deps),
    openCalls,
    dropIns,
  };
}
