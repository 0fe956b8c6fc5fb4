/** Custom ids of the buttons the bot posts; the interaction layer routes on the part before the first colon. */
export const actionIds = {
  accept: (circleId: string, version: number) => `agree:${circleId}:${version}`,
  acknowledge: (circleId: string, version: number) => `ack:${circleId}:${version}`,
  waitlist: (circleId: string) => `waitlist:${circleId}`,
};

/** Splits `prefix:a:b` into its prefix and arguments. */
export function parseActionId(customId: string): { prefix: string; args: string[] } {
  const [prefix = '', ...args] = customId.split(':');
  return { prefix, args };
}
