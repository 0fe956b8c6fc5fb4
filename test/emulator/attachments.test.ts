import {
  type APIMessage,
  AttachmentBuilder,
  PermissionFlagsBits as P,
  type RawFile,
  Routes,
  type TextChannel,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_BYTES, exportCommand, installExportBot, NOTES, SUMMARY } from './attachment-bot-fixture.js';
import { type Harness, startHarness } from './helpers.js';

const MAX_BYTES = 10 * 1024 * 1024;

async function download(url: string): Promise<{ status: number; data: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, data: Buffer.from(await response.arrayBuffer()) };
}

describe('files attached to messages', () => {
  let h: Harness;
  let guildId = '';
  let botRoleId = '';
  let channelId = '';
  let alice = '';
  let bob = '';
  let botErrors: Error[] = [];

  beforeEach(async () => {
    h = await startHarness((emu) => {
      ({ id: guildId, botRoleId } = emu.createGuild({ name: 'Clinic' }));
      channelId = emu.createChannel(guildId, { name: 'general' });
      alice = emu.createUser({ username: 'alice' });
      bob = emu.createUser({ username: 'bob' });
      emu.addMember(guildId, alice);
      emu.addMember(guildId, bob);
    });
    botErrors = installExportBot(h.client);
    await h.client.application?.commands.set([exportCommand.toJSON()], guildId);
  });
  afterEach(async () => {
    expect(botErrors).toEqual([]);
    expect(h.emu.unknownRoutes).toEqual([]);
    expect(h.emu.serverErrors).toEqual([]);
    await h.close();
  });

  const general = () => h.client.channels.cache.get(channelId) as TextChannel;

  it('keeps the files of an ephemeral reply byte for byte, and serves them at their url', async () => {
    const reply = await h.emu
      .as(alice)
      .runCommand(guildId, 'export', { subcommand: 'now' }, { channelId })
      .reply();
    expect(reply).toMatchObject({ callbackType: 4, content: '', ephemeral: true });
    expect(reply.attachments.map((a) => a.filename)).toEqual(['bytes.bin', 'notes.txt']);
    const [bytes, notes] = reply.attachments;
    expect(bytes?.data.equals(ALL_BYTES)).toBe(true);
    expect([...(bytes?.data ?? [])]).toEqual([...ALL_BYTES]);
    expect(notes?.data.toString('utf8')).toBe('Balint group, Zürich — 3 cases ✓\n');
    expect(bytes?.contentType).toBe('application/octet-stream');
    expect(bytes?.id).toMatch(/^\d{17,20}$/);

    const json = reply.message?.attachments ?? [];
    expect(json[0]).toMatchObject({
      id: bytes?.id,
      filename: 'bytes.bin',
      description: 'every byte',
      size: 256,
      content_type: 'application/octet-stream',
      url: `${h.emu.baseUrl}/attachments/${channelId}/${bytes?.id}/bytes.bin`,
      ephemeral: true,
    });
    expect(json[0]?.proxy_url).toBe(json[0]?.url);
    const served = await download(json[0]?.url ?? '');
    expect(served.status).toBe(200);
    expect(served.data.equals(ALL_BYTES)).toBe(true);
    expect(h.emu.visibleMessages(bob, channelId)).toEqual([]);
  });

  it('keeps the file of a deferred reply edited by the bot', async () => {
    const run = h.emu.as(alice).runCommand(guildId, 'export', { subcommand: 'later' }, { channelId });
    const reply = await run.reply();
    expect(reply).toMatchObject({ callbackType: 5, content: 'Your export', ephemeral: false });
    expect(reply.attachments).toHaveLength(1);
    expect(reply.attachments[0]?.filename).toBe('summary.csv');
    expect(reply.attachments[0]?.data.equals(SUMMARY)).toBe(true);
    const [message] = h.emu.messages(channelId);
    expect(message?.attachments.map((a) => [a.filename, a.size])).toEqual([['summary.csv', SUMMARY.length]]);
  });

  it('keeps the file of a follow-up; replies without files have none', async () => {
    const run = h.emu.as(alice).runCommand(guildId, 'export', { subcommand: 'followup' }, { channelId });
    expect((await run.reply()).attachments).toEqual([]);
    const [followUp] = await run.waitForFollowUps(1);
    expect(followUp?.content).toBe('');
    expect(followUp?.attachments.map((a) => a.filename)).toEqual(['notes.txt']);
    expect(followUp?.attachments[0]?.data.equals(NOTES)).toBe(true);
  });

  it('edits keep the attachments listed by id, drop the others, and add new uploads', async () => {
    const sent = await general().send({
      files: [
        new AttachmentBuilder(ALL_BYTES, { name: 'bytes.bin' }),
        new AttachmentBuilder(NOTES, { name: 'notes.txt' }),
      ],
    });
    expect(sent.content).toBe('');
    expect(sent.attachments.map((a) => a.name)).toEqual(['bytes.bin', 'notes.txt']);
    const renamed = await sent.edit({ content: 'Records' });
    expect(renamed.attachments.map((a) => a.name)).toEqual(['bytes.bin', 'notes.txt']);

    const dropped = sent.attachments.find((a) => a.name === 'bytes.bin');
    const kept = sent.attachments.find((a) => a.name === 'notes.txt');
    if (!dropped || !kept) throw new Error('attachments missing');
    const edited = await sent.edit({
      attachments: [kept],
      files: [new AttachmentBuilder(SUMMARY, { name: 'summary.csv' })],
    });
    expect(edited.attachments.map((a) => a.name)).toEqual(['notes.txt', 'summary.csv']);
    expect(edited.attachments.first()?.id).toBe(kept.id);
    const stored = h.emu.messages(channelId)[0]?.attachments ?? [];
    expect(stored.map((a) => a.filename)).toEqual(['notes.txt', 'summary.csv']);
    expect((await download(stored[1]?.url ?? '')).data.equals(SUMMARY)).toBe(true);
    expect((await download(dropped.url)).status).toBe(404);
    expect((await download(kept.url)).data.equals(NOTES)).toBe(true);

    const appended = (await h.client.rest.patch(Routes.channelMessage(channelId, sent.id), {
      body: { content: 'More records' },
      files: [{ name: 'more.txt', data: NOTES }],
    })) as APIMessage;
    expect(appended.attachments.map((a) => a.filename)).toEqual(['notes.txt', 'summary.csv', 'more.txt']);
    const cleared = await sent.edit({ attachments: [] });
    expect(cleared.attachments.size).toBe(0);
    expect(h.emu.messages(channelId)[0]).toMatchObject({ content: 'More records', attachments: [] });
    expect((await download(kept.url)).status).toBe(404);
  });

  describe('refusals, as Discord answers them', () => {
    const file = (index: number, data: Buffer = NOTES): RawFile => ({ name: `file-${index}.txt`, data });
    const post = (body: Record<string, unknown>, files: RawFile[]) =>
      h.client.rest.post(Routes.channelMessages(channelId), { body, files });
    const entries = (n: number) => Array.from({ length: n }, (_, id) => ({ id }));

    it('accepts 10 attachments and refuses 11 with 30015', async () => {
      const ten = Array.from({ length: 10 }, (_, i) => file(i));
      await expect(post({ attachments: entries(10) }, ten)).resolves.toMatchObject({
        attachments: expect.arrayContaining([expect.objectContaining({ filename: 'file-9.txt' })]) as unknown,
      });
      const eleven = Array.from({ length: 11 }, (_, i) => file(i));
      await expect(post({ attachments: entries(11) }, eleven)).rejects.toMatchObject({
        status: 400,
        code: 30015,
      });
      await expect(post({}, eleven)).rejects.toMatchObject({ status: 400, code: 30015 });
      expect(h.emu.messages(channelId)).toHaveLength(1);
    });

    it('accepts a file of exactly 10 MiB and refuses a larger one with 413 / 40005', async () => {
      const exact = await post({ attachments: entries(1) }, [file(0, Buffer.alloc(MAX_BYTES, 7))]);
      expect(exact).toMatchObject({ attachments: [{ size: MAX_BYTES }] });
      await expect(
        post({ content: 'too big', attachments: entries(1) }, [file(0, Buffer.alloc(MAX_BYTES + 1, 7))]),
      ).rejects.toMatchObject({ status: 413, code: 40005, message: 'Request entity too large' });
      expect(h.emu.messages(channelId).map((m) => m.content)).toEqual(['']);
    });

    it('refuses an attachment whose id names no uploaded file with 50035', async () => {
      const notFound = (index: string) => ({
        status: 400,
        code: 50035,
        rawError: {
          errors: {
            attachments: {
              [index]: { _errors: [expect.objectContaining({ code: 'ATTACHMENT_NOT_FOUND' })] },
            },
          },
        },
      });
      await expect(post({ content: 'x', attachments: entries(2) }, [file(0)])).rejects.toMatchObject(
        notFound('1'),
      );
      await expect(post({ content: 'x', attachments: [{ id: 0 }] }, [])).rejects.toMatchObject(notFound('0'));
      expect(h.emu.messages(channelId)).toEqual([]);
    });

    it('refuses files in a guild channel where the bot lacks Attach Files with 50013', async () => {
      h.emu.putOverwrite(channelId, { id: botRoleId, type: 0, deny: P.AttachFiles });
      await expect(post({ content: 'x', attachments: entries(1) }, [file(0)])).rejects.toMatchObject({
        status: 403,
        code: 50013,
      });
      await expect(post({ content: 'text only' }, [])).resolves.toMatchObject({ content: 'text only' });
    });

    it('refuses a dangling id in an interaction follow-up sent as raw multipart', async () => {
      const run = h.emu.as(alice).runCommand(guildId, 'export', { subcommand: 'now' }, { channelId });
      await run.reply();
      const form = new FormData();
      form.append('payload_json', JSON.stringify({ content: 'late', attachments: [{ id: 0 }, { id: 3 }] }));
      form.append('files[0]', new Blob([NOTES], { type: 'text/plain' }), 'notes.txt');
      const url = `${h.emu.restBase}/v10/webhooks/${h.emu.applicationId}/${run.record.token}`;
      const refused = await fetch(url, { method: 'POST', body: form });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({
        code: 50035,
        errors: { attachments: { 1: { _errors: [{ code: 'ATTACHMENT_NOT_FOUND' }] } } },
      });
      form.set('payload_json', JSON.stringify({ content: 'late', attachments: [{ id: 0 }] }));
      const accepted = await fetch(`${url}?wait=true`, { method: 'POST', body: form });
      expect(accepted.status).toBe(200);
      const [followUp] = run.followUps;
      expect(followUp?.attachments).toEqual([
        {
          id: expect.stringMatching(/^\d+$/) as unknown,
          filename: 'notes.txt',
          contentType: 'text/plain',
          data: NOTES,
        },
      ]);
    });
  });
});
