import { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { contactSql } from './contact.queries';
import { ContactLevel } from './contact.enums';
import { initialLevelOf } from './contact-case.rules';
import { OrgUnitKind } from '../organisation';
import { hashSecret, newSecret, newTrackingNumber, secretMatches } from '../../common/tracking';

const inspector = Principal.user(7, 'tj-inspector', 3, [
  { role: Role.INSPECTOR, unitId: 3, unitPath: '/1/3/', cascade: true },
  { role: Role.LIAISON, unitId: 4, unitPath: '/1/3/4/', cascade: false },
]);

describe('contact SQL statements', () => {
  it('never put a user-supplied value into the text', () => {
    const evil = `'); drop table contact_case; --`;
    const q = contactSql.selectCaseCounts(inspector, evil, evil);
    expect(q.sql).not.toContain('drop table');
    expect(q.values).toContain(evil);
  });

  it('keep one text whatever the number of rows (lists travel as one JSON parameter)', () => {
    const one = contactSql.upsertTallies(1, null, [{ date: '2008-01-02', channel: 'PHONE', count: 1 }]);
    const many = contactSql.upsertTallies(
      1,
      null,
      Array.from({ length: 300 }, (_, i) => ({ date: '2008-01-02', channel: 'PHONE', count: i })),
    );
    expect(many.sql).toBe(one.sql);
    expect(many.values).toHaveLength(one.values.length);
  });
});

describe('levels and tracking', () => {
  it('starts a case at the level of its unit', () => {
    expect(initialLevelOf(OrgUnitKind.SECTION)).toBe(ContactLevel.SECTION);
    expect(initialLevelOf(OrgUnitKind.DIVISION)).toBe(ContactLevel.DIVISION);
    expect(initialLevelOf(OrgUnitKind.SUBORDINATE_OFFICE)).toBe(ContactLevel.DIVISION);
    expect(initialLevelOf(OrgUnitKind.DISTRICT)).toBe(ContactLevel.DISTRICT_OFFICE);
  });

  it('matches a secret against its hash only', () => {
    const s = newSecret();
    expect(s.length).toBeGreaterThanOrEqual(24);
    expect(secretMatches(s, hashSecret(s))).toBe(true);
    expect(secretMatches(`${s}x`, hashSecret(s))).toBe(false);
    expect(secretMatches(s, null)).toBe(false);
    expect(newTrackingNumber('2026-11-30')).toMatch(/^ZW2026-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });
});
