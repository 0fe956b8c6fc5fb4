import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { AGREEMENT_MAX_LENGTH, AGREEMENT_MIN_LENGTH } from '../../services/membership/index.js';
import {
  ATTENDANCE_RULE_MAX_LENGTH,
  CAPACITY_MAX,
  CAPACITY_MIN,
  type Circle,
  DROP_IN_PLACES_MAX,
  REMINDERS_TEXT_MAX_LENGTH,
} from '../../services/circles/index.js';
import { range, textLength } from '../limits.js';
import { ValidationError, actionId } from '../../services/kernel/index.js';
import { formatMinutes } from '../../services/meetings/index.js';
import { actorOf, ephemeral } from '../shared.js';
import type { CommandContext, ComponentHandler } from '../types.js';
import type { OptionsOf } from '../options.js';

/** The options of `/circle-admin settings` after `circle`. */
export const settingsOptions = [
  {
    type: ApplicationCommandOptionType.Integer,
    name: 'capacity',
    description: `Places (${CAPACITY_MIN}–${CAPACITY_MAX})`,
    ...range(CAPACITY_MIN, CAPACITY_MAX),
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'reminders',
    description: 'Reminder times before meetings, such as 1d, 15m',
    ...textLength(2, REMINDERS_TEXT_MAX_LENGTH),
  },
  {
    type: ApplicationCommandOptionType.Boolean,
    name: 'reflection',
    description: 'Post a reflection prompt after each meeting',
  },
  {
    type: ApplicationCommandOptionType.Boolean,
    name: 'mentions',
    description: 'Notify the members by mention in the reminder and the start prompt (default on)',
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'attendance',
    description: 'Attendance asked of members, such as 6 of 8 (meetings), or off',
    ...textLength(3, ATTENDANCE_RULE_MAX_LENGTH),
  },
  {
    type: ApplicationCommandOptionType.Integer,
    name: 'drop-ins',
    description: `Drop-in places per meeting for non-members (0–${DROP_IN_PLACES_MAX}; 0: none)`,
    min_value: 0,
    max_value: DROP_IN_PLACES_MAX,
  },
  {
    type: ApplicationCommandOptionType.User,
    name: 'leader',
    description: 'Designated leader (an active member)',
  },
  {
    type: ApplicationCommandOptionType.User,
    name: 'co-leader',
    description: 'Designated co-leader (an active member)',
  },
  {
    type: ApplicationCommandOptionType.Boolean,
    name: 'agreement',
    description: 'Edit the agreement text in a form (on its own)',
  },
] as const;

function summary(result: { circle: Circle; changed: string[]; promoted: string[] }): string {
  const { circle } = result;
  const leaders = [circle.leaderId, circle.coLeaderId].filter(Boolean).map((id) => `<@${id}>`);
  const parts = [
    `Updated **${circle.name}**: capacity ${circle.capacity}; reminders ${circle.reminderLeadMinutes.map(formatMinutes).join(', ')} before;` +
      ` reflection prompt ${circle.reflectionPrompt ? 'on' : 'off'}; members ${circle.mentionMembers ? 'mentioned' : 'not mentioned'} in reminders; ${leaders.length ? `led by ${leaders.join(' and ')}` : 'no designated leader'};` +
      ` attendance asked ${circle.attendanceMinimum === null ? 'none' : `at least ${circle.attendanceMinimum} of the last ${circle.attendanceWindow} meetings`};` +
      ` drop-in places ${circle.dropInPlaces === 0 ? 'none' : `${circle.dropInPlaces} per meeting`};` +
      ` agreement version ${circle.agreementVersion}.`,
  ];
  if (result.changed.includes('agreementVersion')) {
    parts.push(
      'Members were asked in the circle’s channel to acknowledge the new agreement; new members accept it when they join.',
    );
  }
  if (result.promoted.length) parts.push(`${result.promoted.length} from the waitlist were offered a place.`);
  return parts.join(' ');
}

/** The options of `/circle-admin settings`, typed from their definitions. */
type SettingsOptions = OptionsOf<typeof settingsOptions> & { circle: string };

/** `/circle-admin settings`: applies the options given, or opens the agreement form. */
export async function changeSettings(
  interaction: ChatInputCommandInteraction,
  ctx: CommandContext,
  options: SettingsOptions,
): Promise<void> {
  const actor = actorOf(interaction);
  const name = options.circle;
  const change = {
    capacity: options.capacity,
    reminders: options.reminders,
    reflection: options.reflection,
    mentions: options.mentions,
    attendance: options.attendance,
    dropIns: options['drop-ins'],
    leaderId: options.leader?.id ?? null,
    coLeaderId: options['co-leader']?.id ?? null,
  };
  if (options.agreement) {
    if (Object.values(change).some((value) => value !== null)) {
      throw new ValidationError(
        'Edit the agreement on its own: run `/circle-admin settings` with only `agreement: True`.',
      );
    }
    // The form must be the first response to the command.
    const { circle, agreement } = await ctx.services.settings.current(actor, name);
    const input = new TextInputBuilder()
      .setCustomId('text')
      .setLabel('Agreement text')
      .setStyle(TextInputStyle.Paragraph)
      .setMinLength(AGREEMENT_MIN_LENGTH)
      .setMaxLength(AGREEMENT_MAX_LENGTH)
      .setValue(agreement?.text ?? '');
    const modal = new ModalBuilder()
      .setCustomId(actionId('agreement', circle.id))
      .setTitle(`Agreement of ${circle.name}`.slice(0, 45))
      .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
    await interaction.showModal(modal);
    return;
  }
  await interaction.deferReply({ flags: ephemeral('').flags });
  const result = await ctx.services.settings.update(actor, name, change);
  await interaction.editReply({
    content: `${summary(result)}\n${await ctx.services.server.nextStep(result.circle)}`,
    allowedMentions: { parse: [] },
  });
}

/** Submit of the agreement form. */
export const agreementModal: ComponentHandler = {
  action: 'agreement',
  access: { target: 'circle', caller: 'moderator' },
  async handle(interaction, [circleId = ''], ctx) {
    if (!interaction.isModalSubmit()) return;
    await interaction.deferReply({ flags: ephemeral('').flags });
    const result = await ctx.services.settings.updateById(actorOf(interaction), circleId, {
      agreementText: interaction.fields.getTextInputValue('text'),
    });
    await interaction.editReply({ content: summary(result), allowedMentions: { parse: [] } });
  },
};
