import { attendanceCommand } from './attendance.js';
import {
  caseCommand,
  caseEditButton,
  caseModal,
  caseWithdrawButton,
  haveCaseButton,
  showCaseButton,
} from './case.js';
import { agreementModal } from './circle-admin/settings.js';
import { circleAdminCommand } from './circle-admin/index.js';
import { archiveButton, removeMemberButton } from './circle-admin/confirmations.js';
import { keepButton } from './confirm.js';
import { circleCommand } from './circle/index.js';
import { facilitatorCommand, swapAcceptButton, swapDeclineButton } from './facilitator.js';
import { createHelpCommand } from './help.js';
import { cancelMeetingButton, checkInButton, meetingCommand } from './meeting.js';
import { acceptButton, acknowledgeButton, joinButton, waitlistButton } from './circle/membership-buttons.js';
import { dropInButton } from './meeting-drop-in.js';
import { forgetButton, privacyCommand } from './privacy.js';
import { setupCommand } from './setup.js';
import type { ComponentHandler, SlashCommand } from './types.js';

/** `/help` lists every command below, itself included. */
const helpCommand = createHelpCommand(() => commands);

/** Every slash command, in the order they are registered. */
export const commands: readonly SlashCommand[] = [
  setupCommand,
  circleAdminCommand,
  circleCommand,
  meetingCommand,
  caseCommand,
  facilitatorCommand,
  attendanceCommand,
  privacyCommand,
  helpCommand,
];

/** Every button and form handler: one for each entry of the action table. */
export const componentHandlers: readonly ComponentHandler[] = [
  acceptButton,
  acknowledgeButton,
  joinButton,
  waitlistButton,
  agreementModal,
  checkInButton,
  dropInButton,
  caseModal,
  caseEditButton,
  haveCaseButton,
  caseWithdrawButton,
  showCaseButton,
  swapAcceptButton,
  swapDeclineButton,
  forgetButton,
  archiveButton,
  cancelMeetingButton,
  removeMemberButton,
  keepButton,
];
