/** Discord's epoch (2015-01-01T00:00:00.000Z) in milliseconds. */
export const DISCORD_EPOCH = 1420070400000n;

/**
 * Generates real-format Discord snowflakes (timestamp << 22 | worker << 17 | increment),
 * strictly increasing even when many are generated within the same millisecond.
 */
export class SnowflakeGenerator {
  private last = 0n;
  private increment = 0n;

  /** Returns the next snowflake as a decimal string. */
  next(): string {
    const timestamp = BigInt(Date.now()) - DISCORD_EPOCH;
    this.increment = (this.increment + 1n) & 0xfffn;
    let value = (timestamp << 22n) | (1n << 17n) | this.increment;
    if (value <= this.last) value = this.last + 1n;
    this.last = value;
    return value.toString();
  }
}

/** Milliseconds since the Unix epoch encoded in a snowflake. */
export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}
