import { describe, expect, it } from 'vitest';
import type { Prisma } from '../../../src/generated/sqlite/client.js';
import { updateData } from '../../../src/db/repositories/update-data.js';
import type { CirclePatch } from '../../../src/services/circles/index.js';
import type { MembershipPatch } from '../../../src/services/membership/index.js';

const circleData = (patch: CirclePatch): Prisma.CircleUpdateInput =>
  updateData<CirclePatch, Prisma.CircleUpdateInput>(patch, {
    name: (name) => ({ name, nameKey: name.toLowerCase() }),
    reminderLeadMinutes: (minutes) => ({ reminderLeadMinutes: JSON.stringify(minutes) }),
  });

describe('updateData', () => {
  it('writes each defined field under its own name and leaves undefined ones out', () => {
    const at = new Date('2026-02-01T12:00:00.000Z');
    expect(
      updateData<MembershipPatch, Prisma.MembershipUpdateInput>({
        status: 'active',
        statusSince: at,
        acceptedVersion: undefined,
      }),
    ).toEqual({ status: 'active', statusSince: at });
    expect(
      Object.keys(updateData<MembershipPatch, Prisma.MembershipUpdateInput>({ acceptedAt: undefined })),
    ).toEqual([]);
  });

  it('keeps null, which clears a column', () => {
    expect(
      updateData<MembershipPatch, Prisma.MembershipUpdateInput>({ acceptedVersion: null, acceptedAt: null }),
    ).toEqual({ acceptedVersion: null, acceptedAt: null });
  });

  it('writes a field with an encoder as the encoder says, and only when the field is given', () => {
    expect(circleData({ name: 'Tuesday Balint', capacity: 6 })).toEqual({
      name: 'Tuesday Balint',
      nameKey: 'tuesday balint',
      capacity: 6,
    });
    expect(circleData({ reminderLeadMinutes: [60, 15] })).toEqual({ reminderLeadMinutes: '[60,15]' });
    expect(circleData({ name: undefined, reminderLeadMinutes: undefined })).toEqual({});
    expect(circleData({})).toEqual({});
  });

  it('does not change the patch', () => {
    const patch: CirclePatch = { name: 'Same', archivedAt: undefined };
    circleData(patch);
    expect(patch).toEqual({ name: 'Same', archivedAt: undefined });
  });

  it('needs an encoder for a field no column takes as it is (checked by the compiler)', () => {
    const compiles = (patch: CirclePatch): unknown => [
      // @ts-expect-error reminderLeadMinutes (number[]) is stored as JSON text and needs an encoder.
      updateData<CirclePatch, Prisma.CircleUpdateInput>(patch, {}),
      // @ts-expect-error the encoders argument may be left out only when no field needs one.
      updateData<CirclePatch, Prisma.CircleUpdateInput>(patch),
      updateData<MembershipPatch, Prisma.MembershipUpdateInput>({}),
    ];
    expect(compiles({})).toHaveLength(3);
  });
});
