import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PERSONAL_DATA } from '../../../src/db/repositories/prisma-personal-data-repository.js';
import type { Circle } from '../../../src/services/circles/model.js';
import type { Actor } from '../../../src/services/kernel/index.js';
import { pseudonymOf } from '../../../src/services/privacy/index.js';
import { allRowsText } from '../../db/migrations/raw-sql.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import {
  ALICE,
  BOB,
  createServiceHarness,
  GUILD,
  type ServiceHarness,
} from '../../support/service-harness.js';

/** Each model of the schema with its scalar fields, read from `prisma/models.prisma`. */
function schemaModels(): Map<string, string[]> {
  const text = readFileSync(new URL('../../../prisma/models.prisma', import.meta.url), 'utf8');
  const models = new Map<string, string[]>();
  for (const [, name, body] of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const fields = body!
      .split('\n')
      .map((line) => /^\s+(\w+)\s+(String|Int|DateTime|Boolean)\??(\s|$)/.exec(line)?.[1])
      .filter((field): field is string => field !== undefined);
    models.set(name!, fields);
  }
  return models;
}

const declared: Record<string, { person: readonly string[]; other: readonly string[] }> = PERSONAL_DATA;

describe('the personal-data seam', () => {
  it('declares every model of the schema', () => {
    expect([...schemaModels().keys()].sort()).toEqual(Object.keys(PERSONAL_DATA).sort());
  });

  it('classes every id field of every model as naming a person or not', () => {
    for (const [model, fields] of schemaModels()) {
      const ids = fields.filter((field) => /(Id|By)$/.test(field) || field === 'id');
      const { person, other } = declared[model]!;
      expect([...ids].sort(), `${model}: id fields not declared in PERSONAL_DATA`).toEqual(
        [...person, ...other].sort(),
      );
    }
  });
});

describe.each(databases)('every model that names a person, exported and forgotten, on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;
  /** Alice moderates, leads, wrote the agreement and the schedule, and took part in everything. */
  let alice: Actor;
  const subject = { guildId: GUILD, userId: ALICE, pseudonym: pseudonymOf(GUILD, ALICE) };

  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    alice = { ...h.member(ALICE), hasManageGuild: true };
    h.clock.set('2026-03-01T10:00:00Z');
    circle = await h.services.circles.create(alice, { name: 'Peer Group', kind: 'peer-consultation' });
    for (const userId of [ALICE, BOB]) {
      await h.services.roster.add(alice, 'Peer Group', { userId, isBot: false });
      await h.services.membership.accept(userId, circle.id, 1);
    }
    await h.services.settings.update(alice, 'Peer Group', { leaderId: ALICE, coLeaderId: BOB });
    await h.services.schedules.set(alice, 'Peer Group', {
      weekday: 7,
      time: '12:30',
      timeZone: 'UTC',
      duration: 90,
    });
    const [first, second] = await h.store.meetings.listUpcoming(circle.id, h.clock.now(), {
      statuses: ['scheduled'],
    });
    await h.store.meetings.fixAssignment(first!.id, {
      facilitatorId: ALICE,
      coFacilitatorId: BOB,
      turnOwnerId: ALICE,
      assignedAt: h.clock.now(),
    });
    await h.store.facilitation.joinPool({ circleId: circle.id, userId: ALICE, joinedAt: h.clock.now() });
    await h.store.facilitation.addAway({
      circleId: circle.id,
      userId: ALICE,
      fromDate: '2026-04-01',
      toDate: '2026-04-02',
    });
    await h.store.facilitation.createSwap({
      circleId: circle.id,
      status: 'proposed',
      requesterId: ALICE,
      partnerId: BOB,
      requesterMeetingId: first!.id,
      partnerMeetingId: second!.id,
      createdAt: h.clock.now(),
    });
    await h.store.dropIns.create({
      meetingId: second!.id,
      circleId: circle.id,
      guildId: GUILD,
      userId: ALICE,
      acceptedVersion: 1,
      createdAt: h.clock.now(),
    });
    h.clock.set('2026-03-01T12:20:00Z');
    await h.services.attendance.checkIn(ALICE, first!.id);
    await h.services.attendance.checkIn(BOB, first!.id);
    h.clock.set('2026-03-02T10:00:00Z');
    await h.services.attendance.certificate(h.member(ALICE), { circle: 'Peer Group', serverName: 'S' });
    await h.services.cases.submit(h.member(ALICE), circle.id, { label: 'a long silence' });
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  it('exports a row of each, then forgets them all, leaving others’ rows and pseudonyms only', async () => {
    const exported = await h.store.personalData.export(subject);
    for (const [model, seam] of Object.entries(declared)) {
      if (seam.person.length === 0) continue;
      expect(exported[model]?.length ?? 0, `${model} exported`).toBeGreaterThan(0);
    }
    const bobBefore = await h.store.personalData.export({ ...subject, userId: BOB, pseudonym: 'x' });

    // As /privacy forget does: leave first, then forget, in one transaction.
    const counts = await h.store.transaction((tx) => tx.personalData.forget(subject));
    expect(Object.values(counts).every((n) => n >= 0)).toBe(true);
    const after = await h.store.personalData.export(subject);
    expect(Object.fromEntries(Object.entries(after).filter(([, rows]) => rows.length > 0))).toEqual({});
    // Forgetting twice changes nothing more.
    const again = await h.store.transaction((tx) => tx.personalData.forget(subject));
    expect(Object.values(again).reduce((sum, n) => sum + n, 0)).toBe(0);

    // Audit events stay, with the pseudonym where Alice's id was.
    const audit = JSON.stringify(await h.store.audit.list({ guildId: GUILD, circleId: circle.id }));
    expect(audit).not.toContain(ALICE);
    expect(audit).toContain(subject.pseudonym);
    // Bob keeps his own records (his attendance, membership, acceptance).
    const bobAfter = await h.store.personalData.export({ ...subject, userId: BOB, pseudonym: 'x' });
    for (const model of ['Membership', 'AgreementAcceptance', 'Attendance']) {
      expect(bobAfter[model], model).toEqual(bobBefore[model]);
    }
    // Nothing of Alice is left in any table.
    expect(await allRowsText(db)).not.toContain(ALICE);
    expect(await allRowsText(db)).toContain(BOB);
  });

  it('purges by each model’s retention kind: nothing before its cutoff, everything after', async () => {
    const at = (date: Date) => ({ attendance: date, audit: date, 'ended-memberships': date });
    const nothing = await h.store.personalData.purge(GUILD, at(new Date('2020-01-01T00:00:00Z')));
    expect(Object.values(nothing).reduce((sum, n) => sum + n, 0)).toBe(0);
    expect(
      await h.store.personalData.purge('900000000000000777', at(new Date('2100-01-01T00:00:00Z'))),
    ).toEqual(expect.objectContaining({ Attendance: 0, AuditEvent: 0 }));
    await h.services.membership.leave(h.member(BOB), 'Peer Group');
    const all = await h.store.personalData.purge(GUILD, at(new Date('2100-01-01T00:00:00Z')));
    for (const model of [
      'AgreementAcceptance',
      'Membership',
      'AuditEvent',
      'Attendance',
      'Certificate',
      'Meeting',
      'AwayPeriod',
      'DutySwap',
      'DropIn',
    ]) {
      expect(all[model], model).toBeGreaterThan(0);
    }
    // What is kept only while current stays: Alice is still a member, in the pool, leading.
    const left = await h.store.personalData.export(subject);
    expect(left['Membership']).toHaveLength(1);
    expect(left['PoolMember']).toHaveLength(1);
    expect(left['Circle']).toHaveLength(1);
    expect(left['Attendance']).toEqual([]);
  });

  it('keeps to one server: the same person elsewhere is not touched', async () => {
    const elsewhere = { ...subject, guildId: '900000000000000777' };
    expect(Object.values(await h.store.personalData.export(elsewhere)).flat()).toEqual([]);
    await h.store.transaction((tx) => tx.personalData.forget(elsewhere));
    expect((await h.store.personalData.export(subject))['Membership']).toHaveLength(1);
  });
});
