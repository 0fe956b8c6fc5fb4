import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  IDENTIFIER_KINDS,
  describeIdentifiers,
  findIdentifiers,
  warmUpIdentifierCheck,
  type IdentifierKind,
} from '../../../src/services/deidentify/check.js';
import { CLEAN_LABELS, CORPUS, IDENTIFIED_LABELS } from './corpus.js';

const percent = (part: number, whole: number) => (whole === 0 ? 100 : (100 * part) / whole);

/** Recall (overall and per kind) and acceptance of clean labels over the corpus. */
function measure() {
  // A label counts as found only when every kind it expects is found: any one would hide misses.
  const recalled = IDENTIFIED_LABELS.filter((c) => {
    const found = findIdentifiers(c.label);
    return c.expected.every((k) => found.includes(k));
  });
  const exact = IDENTIFIED_LABELS.filter((c) => {
    const found = findIdentifiers(c.label);
    return found.length === c.expected.length && found.every((k) => c.expected.includes(k));
  });
  const accepted = CLEAN_LABELS.filter((label) => findIdentifiers(label).length === 0);
  const perKind = IDENTIFIER_KINDS.map((kind) => {
    const cases = IDENTIFIED_LABELS.filter((c) => c.expected.includes(kind));
    const found = cases.filter((c) => findIdentifiers(c.label).includes(kind)).length;
    return { kind, labels: cases.length, found, recall: percent(found, cases.length) };
  });
  return {
    recall: percent(recalled.length, IDENTIFIED_LABELS.length),
    recalled: recalled.length,
    exact: exact.length,
    acceptance: percent(accepted.length, CLEAN_LABELS.length),
    accepted: accepted.length,
    perKind,
  };
}

// The word lists and the gazetteer load once (about a second, more under a busy test runner).
beforeAll(() => warmUpIdentifierCheck(), 30_000);

describe('the labelled corpus', () => {
  it('is large enough and covers every kind at least 6 times', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
    expect(CLEAN_LABELS.length).toBeGreaterThanOrEqual(80);
    expect(IDENTIFIED_LABELS.length).toBeGreaterThanOrEqual(70);
    for (const kind of IDENTIFIER_KINDS) {
      expect(IDENTIFIED_LABELS.filter((c) => c.expected.includes(kind)).length, kind).toBeGreaterThanOrEqual(
        6,
      );
    }
    for (const { label } of CORPUS) expect(label.length, label).toBeLessThanOrEqual(100);
  });

  it('finds every expected kind in every identified label and accepts at least 98% of clean labels', () => {
    const figures = measure();
    const fmt = (value: number) => `${value.toFixed(1)}%`;
    console.log(
      `De-identification corpus: recall ${fmt(figures.recall)} (${figures.recalled}/${IDENTIFIED_LABELS.length}),` +
        ` acceptance of clean labels ${fmt(figures.acceptance)} (${figures.accepted}/${CLEAN_LABELS.length}),` +
        ` exactly the expected kinds ${figures.exact}/${IDENTIFIED_LABELS.length}`,
    );
    console.table(
      figures.perKind.map(({ kind, labels, found, recall }) => ({
        kind,
        labels,
        found,
        recall: fmt(recall),
      })),
    );
    // Recall is held at what the detectors reach on this (non-blind) corpus: every label, every kind.
    expect(figures.recall).toBeGreaterThanOrEqual(100);
    expect(figures.acceptance).toBeGreaterThanOrEqual(98);
  });
});

describe('findIdentifiers', () => {
  const examples: Record<IdentifierKind, string[]> = {
    email: [
      'write to jane.doe@example.org',
      'J.Doe+notes@example.co.uk',
      'jo (at) example.org',
      'jt at gmail dot com',
      'jane @ example.org',
    ],
    phone: [
      '(555) 123-4567',
      '555-123-4567',
      '555.123.4567',
      '07700 900123',
      '020 7946 0958',
      '+49 30 1234567',
    ],
    url: [
      'https://example.org',
      'www.example.org',
      'see example.org/x',
      'discord.gg/abc',
      'mysite.io',
      'shop.berlin',
    ],
    date: [
      '6/15',
      'the twelfth of March',
      '2024-03-01',
      '01/03/2024',
      '1.3.24',
      '3/1/24',
      'March 1st',
      '1 March 2024',
      'Mar 1',
      'Friday the 5th',
    ],
    age: ['92-year-old', 'aged 95', '95 y/o', 'age 101', 'still driving at 96', 'turned 101', 'ninety-three'],
    'record-number': ['MRN 4821', '123456', '123-456-789', 'policy AB-99231', 'pacemaker serial 88X21'],
    'street-address': ['221B Baker Street', 'Hauptstraße 5', 'Apt 4B', 'PO Box 123', '17 rosewood ct'],
    'national-id': ['123-45-6789', '943 476 5919', 'QQ 12 34 56 C', 'SIN 046-454-286', 'passport X1234567'],
    name: ['Mrs. Alvarez', 'working with Daniel', 'pt JT', 'J.T. again', "the Hendersons' son", 'Kayla, 16'],
    place: ['moved to Leeds', 'Lincoln High', "St Brigid's in Cork", 'Riverside Middle School', 'Brooklyn'],
    postcode: ['zip 90210', 'in 02139', 'SW1A 1AA', 'M5V 2T6', '02139-4307', '75011 Paris'],
    'ip-address': ['192.168.10.4', '2001:db8::8a2e:370:7334', 'fe80::1ff:fe23:4567:890a'],
    'social-handle': ['@kayla_m04', 'her insta is jess.rides', 'snap: lilmoon', 'TikTok user sadboi99'],
    'vehicle-plate': ['plate 7XYZ123', 'reg KY19 ABC', 'VIN 1HGCM82633A004352'],
  };

  for (const kind of IDENTIFIER_KINDS) {
    it.each(examples[kind])(`finds ${kind} in %s`, (text) => {
      expect(findIdentifiers(`Case: ${text}, stuck`)).toContain(kind);
    });
  }

  it.each([
    '2 mg',
    '10/10 pain',
    'BP 120/80',
    '3 x daily',
    '15 years of practice',
    'session 12 of 20',
    'for 3 weeks',
    'since spring',
    'in her 40s',
    'a year ago',
    'an 89-year-old',
    'aged 89',
    'in 2019',
    '2019-2021',
    'ward 7',
    'grew up in the 90s',
    'MMSE 27/30, 100/100 on a memory test',
    'May 5 sessions be enough?',
    'pain 9/10 on 3/4 days',
    'aged 90+',
    'over 90 minutes late',
    'sats at 94% on room air',
    'GAD-7 of 6/21',
    'Jung and Klein on envy',
    'Grace under pressure',
    'Will the group help?',
    'Faith and Hope in grief work',
    'Baker Act hold',
    'Gottman method with a couple',
    "Asperger's and Tourette",
    'Seroquel 50 mg at night',
    'Christmas and Ramadan',
    'moved from Texas to Ontario',
    'grew up in Ireland',
    'a local high school',
    'ICD-10 Z63.0 and F32.1',
    'wants CBT not EMDR',
    'ok.so what now',
    'ignored the homework again',
    'how to handle the rupture',
  ])('passes the clinical phrase %s', (text) => {
    expect(findIdentifiers(`Patient: ${text}`)).toEqual([]);
  });

  it('reports each kind once, in a fixed order', () => {
    expect(findIdentifiers('Call 555-0147 or 555-0199, born 2024-01-02, mail a@example.org')).toEqual([
      'date',
      'phone',
      'email',
    ]);
  });

  it('reports a name with a date of birth as a name and a date', () => {
    expect(findIdentifiers('John Smith, DOB 4/5/1960')).toEqual(['name', 'date']);
  });

  it('sees through full-width digits, Unicode dashes and invisible characters', () => {
    expect(findIdentifiers('５５５－１２３－４５６７')).toContain('phone');
    expect(findIdentifiers('078\u201305\u20131120')).toContain('national-id');
    expect(findIdentifiers('jane\u200B@example.org')).toContain('email');
    expect(findIdentifiers('MRN \u0664\u0664\u0668\u0662\u0669\u0661\u0663')).toContain('record-number');
    expect(findIdentifiers('call \u096B\u096B\u096B-\u0966\u0967\u096A\u096D')).toContain('phone');
  });

  describe('logging', () => {
    afterEach(() => vi.restoreAllMocks());

    it('logs nothing while checking', () => {
      const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
        vi.spyOn(console, method).mockImplementation(() => undefined),
      );
      findIdentifiers('John Smith, DOB 4/5/1960, 555-0147, jane@example.org');
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    });
  });
});

describe('describeIdentifiers', () => {
  const refused = [
    'John Smith, DOB 4/5/1960, keeps missing sessions',
    'Client texts me at 555-0147, jdoe@example.org',
    'Home visit at 221B Baker Street, SSN 078-05-1120',
    'MRN 5521907, www.example.net, aged 95',
  ];

  it.each(refused)('names the kinds without echoing the text: %s', (text) => {
    const message = describeIdentifiers(findIdentifiers(text));
    expect(message).toMatch(/^It looks like it contains /u);
    // The only number in the template is "89" (ages over 89); no number of the input appears.
    for (const number of message.match(/\d+/gu) ?? []) expect(number).toBe('89');
    for (const number of text.match(/\d+/gu) ?? []) expect(message).not.toContain(number);
    expect(message).not.toContain('@');
    for (const word of text.split(/[^\p{L}\p{N}@.-]+/u).filter((w) => w.length >= 4)) {
      if (/^\p{Lu}/u.test(word) || /[\d@]/u.test(word)) expect(message).not.toContain(word);
    }
  });

  it('lists several kinds in plain words', () => {
    expect(describeIdentifiers(['date', 'phone'])).toBe(
      'It looks like it contains a date (day and month) and a phone number. Please remove anything that ' +
        'could identify a patient or client: names, places, contact details, dates, ages over 89, record ' +
        'numbers, addresses.',
    );
    expect(describeIdentifiers(['age', 'email', 'url'])).toContain(
      'an age over 89, an e-mail address and a web address',
    );
  });

  it('says so when nothing was found', () => {
    expect(describeIdentifiers([])).not.toMatch(/It looks like/u);
  });
});
