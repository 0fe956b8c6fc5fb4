import { describe, expect, it } from 'vitest';
import { compareVersions, RELEASE_VERSION } from '../../src/platform/command-sync.js';

describe('release versions of registered commands', () => {
  it('orders releases by their numbers, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBe(1);
    expect(compareVersions('0.1.0', '0.1.0')).toBe(0);
    expect(compareVersions('0.1', '0.1.0')).toBe(0);
    expect(compareVersions('2.0.0', '10.0.0')).toBe(-1);
  });

  it('knows its own release from package.json', () => {
    expect(RELEASE_VERSION).toMatch(/^\d+\.\d+\.\d+/u);
  });
});
