import { readFileSync } from 'node:fs';
import { ApplicationCommandOptionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.js';
import { AUDIENCES, commandReference, helpSections, helpText } from '../../src/commands/reference.js';
import { DOCUMENT, README, renderDocs } from '../../scripts/docs.js';

describe('the command reference', () => {
  it('names who uses every subcommand of every command, and nothing else', () => {
    for (const command of commands) {
      const subcommands = (command.data.options ?? [])
        .filter((o) => o.type === ApplicationCommandOptionType.Subcommand)
        .map((o) => o.name);
      expect(Object.keys(command.who).sort()).toEqual((subcommands.length ? subcommands : ['']).sort());
      for (const who of Object.values(command.who)) expect(AUDIENCES).toContain(who);
    }
  });

  it('/help lists every subcommand with its options, within an embed’s 4,096 characters', () => {
    const entries = commandReference(commands);
    const text = helpText(entries);
    for (const entry of entries) expect(text).toContain(`\`${entry.usage}\``);
    expect(text).toContain(
      '`/circle-admin schedule circle weekday time timezone [every-weeks] [duration] [starts]`',
    );
    expect(text).toContain('`/meeting move circle date time [from]`');
    // One embed per role: each within 4,096 characters, all of them within 6,000 together.
    const sections = helpSections(entries);
    for (const section of sections) expect(section.text.length).toBeLessThanOrEqual(4096);
    expect(sections.reduce((n, s) => n + s.title.length + s.text.length, 0)).toBeLessThanOrEqual(6000);
    expect(sections.length).toBeLessThanOrEqual(10);
  });

  it('/help is organised by role, moderators first, each with its first steps in order', () => {
    const sections = helpSections(commandReference(commands));
    expect(sections.map((s) => s.title)).toEqual([
      'Moderators (Manage Server or the moderator role)',
      'Leaders and facilitators',
      'Members',
      'Everyone',
    ]);
    const moderators = sections[0]!.text;
    const order = ['/setup', '/circle-admin create', '/circle-admin schedule', '/circle-admin settings'].map(
      (usage) => moderators.indexOf(`\`${usage}`),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(moderators.indexOf('**First steps**')).toBeLessThan(moderators.indexOf('**All commands**'));
    expect(sections[2]!.text).toMatch(/^\*\*First steps\*\*\n1\. `\/circle list`/);
    // Every command appears once in the "all commands" lists.
    for (const entry of commandReference(commands)) {
      const listed = sections.filter((s) => s.text.includes(`• \`${entry.usage}\``));
      expect(listed, entry.usage).toHaveLength(1);
    }
  });

  it('the README’s command table and docs/commands.md are what `npm run docs` writes', async () => {
    const { readme, document } = await renderDocs();
    expect(readFileSync(README, 'utf8'), 'run `npm run docs`').toBe(readme);
    expect(readFileSync(DOCUMENT, 'utf8'), 'run `npm run docs`').toBe(document);
  });
});
