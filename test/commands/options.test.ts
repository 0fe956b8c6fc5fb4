import { ApplicationCommandOptionType as Type, type User } from 'discord.js';
import { describe, expectTypeOf, it } from 'vitest';
import type { OptionsOf, SubcommandName, SubcommandOptions } from '../../src/commands/options.js';

export const definition = {
  name: 'demo',
  options: [
    {
      type: Type.Subcommand,
      name: 'add',
      options: [
        { type: Type.String, name: 'circle', required: true },
        { type: Type.User, name: 'member', required: true },
        { type: Type.Integer, name: 'capacity' },
        { type: Type.Boolean, name: 'reflection', required: false },
      ],
    },
    { type: Type.Subcommand, name: 'list' },
  ],
} as const;

describe('options typed from a command definition', () => {
  it('gives required options their type and optional ones null as well', () => {
    expectTypeOf<SubcommandName<typeof definition>>().toEqualTypeOf<'add' | 'list'>();
    expectTypeOf<SubcommandOptions<typeof definition, 'add'>>().toEqualTypeOf<{
      circle: string;
      member: User;
      capacity: number | null;
      reflection: boolean | null;
    }>();
    expectTypeOf<SubcommandOptions<typeof definition, 'list'>>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<OptionsOf<readonly [{ type: Type.Number; name: 'x'; required: true }]>>().toEqualTypeOf<{
      x: number;
    }>();
  });
});
