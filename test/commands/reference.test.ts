import { readFileSync } from 'node:fs';
import { ApplicationCommandOptionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.js';
import { AUDIENCES, commandReference, helpText } from '../../src/commands/reference.js';
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
    expect(text.length).toBeLessThanOrEqual(4096);
  });

  it('the README’s command table and docs/commands.md are what `npm run docs` writes', async () => {
    const { readme, document } = await renderDocs();
    expect(readFileSync(README, 'utf8'), 'run `npm run docs`').toBe(readme);
    expect(readFileSync(DOCUMENT, 'utf8'), 'run `npm run docs`').toBe(document);
  });
});
