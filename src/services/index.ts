import { ChannelGuardService } from './channel-guard-service.js';
import { CircleDirectoryService } from './circle-directory-service.js';
import { CircleService } from './circle-service.js';
import { CircleSettingsService } from './circle-settings-service.js';
import { MembershipService } from './membership-service.js';
import type { ServiceDeps } from './ports.js';
import { RosterService } from './roster-service.js';
import { ServerSettingsService } from './server-settings-service.js';

export interface Services {
  server: ServerSettingsService;
  circles: CircleService;
  settings: CircleSettingsService;
  directory: CircleDirectoryService;
  membership: MembershipService;
  roster: RosterService;
  guard: ChannelGuardService;
}

/** Builds every service over one set of ports. */
export function createServices(deps: ServiceDeps): Services {
  return {
    server: new ServerSettingsService(deps),
    circles: new CircleService(deps),
    settings: new CircleSettingsService(deps),
    directory: new CircleDirectoryService(deps),
    membership: new MembershipService(deps),
    roster: new RosterService(deps),
    guard: new ChannelGuardService(deps),
  };
}
