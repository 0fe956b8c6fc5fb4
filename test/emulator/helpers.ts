import { Client, type ClientOptions, Events, GatewayIntentBits } from 'discord.js';
import { DiscordEmulator, type EmulatorOptions } from '../../emulator/index.js';

/** An emulator plus a logged-in discord.js client; `close()` tears both down. */
export interface Harness {
  emu: DiscordEmulator;
  client: Client;
  close(): Promise<void>;
}

/** Starts the emulator, lets `setup` build the world, then logs a real discord.js client in and waits for ready. */
export async function startHarness(
  setup: (emu: DiscordEmulator) => void = () => {},
  options: EmulatorOptions = {},
  clientOptions: Partial<ClientOptions> = {},
): Promise<Harness> {
  const emu = await DiscordEmulator.start(options);
  setup(emu);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...clientOptions,
    rest: { ...clientOptions.rest, api: emu.restBase },
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(emu.botToken);
  await ready;
  return {
    emu,
    client,
    async close() {
      await client.destroy();
      await emu.stop();
    },
  };
}
