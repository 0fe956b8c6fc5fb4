import { describe, expect, it } from 'vitest';
import type { Circle as CircleRow } from '../../../src/generated/sqlite/client.js';
import {
  CorruptRowError,
  oneOf,
  withoutColumns,
  type DomainColumns,
} from '../../../src/db/repositories/rows.js';
import type { Circle } from '../../../src/services/circles/index.js';

describe('reading rows', () => {
  it('oneOf accepts a known value and refuses an unknown one with CorruptRowError', () => {
    expect(oneOf(['open', 'locked'] as const, 'open', 'circle.state')).toBe('open');
    const error = (() => {
      try {
        return oneOf(['open', 'locked'] as const, 'gone', 'circle.state');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(CorruptRowError);
    expect((error as Error).message).toBe('unexpected circle.state "gone" (expected one of open, locked)');
  });

  it('withoutColumns copies a row without the columns named, leaving the row as it was', () => {
    const row = { id: 'a', nameKey: 'k', createdAt: new Date(0), name: 'A' };
    expect(withoutColumns(row, 'nameKey', 'createdAt')).toEqual({ id: 'a', name: 'A' });
    expect(row).toEqual({ id: 'a', nameKey: 'k', createdAt: new Date(0), name: 'A' });
  });

  it('a column that is not a field of the domain type must be left out explicitly (checked by the compiler)', () => {
    const columns = (row: CircleRow): unknown => {
      // @ts-expect-error nameKey is a column of circles but no field of Circle.
      const leaking: DomainColumns<Circle, CircleRow> = row;
      const kept: DomainColumns<Circle, CircleRow, 'nameKey'> = withoutColumns(row, 'nameKey');
      return [leaking, kept];
    };
    expect(columns).toBeTypeOf('function');
  });
});
