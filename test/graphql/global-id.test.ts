import { decodeIntId, fromGlobalId, toGlobalId } from '../../src/common/global-id';

const plain = (type: string, id: number | string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

describe('global ids', () => {
  it('encode as base64url of "Type:id", the same on every call and beyond the per-type memory', () => {
    expect(toGlobalId('OrgUnit', 28)).toBe(plain('OrgUnit', 28));
    expect(toGlobalId('OrgUnit', 28)).toBe(plain('OrgUnit', 28));
    for (let i = 1; i <= 50_010; i++) toGlobalId('Probe', i);
    expect(toGlobalId('Probe', 7)).toBe(plain('Probe', 7));
    expect(toGlobalId('Probe', 50_010)).toBe(plain('Probe', 50_010));
  });

  it('decode what they encode, and refuse forged or non-canonical ids naming the field', () => {
    expect(decodeIntId(toGlobalId('OrgUnit', 5), 'OrgUnit', 'input.unitId')).toBe(5);
    expect(fromGlobalId(plain('Anything', 'x1'))).toEqual({ type: 'Anything', id: 'x1' });
    expect(() => decodeIntId(toGlobalId('User', 5), 'OrgUnit', 'input.unitId')).toThrow(/OrgUnit/);
    expect(() => fromGlobalId(`${plain('OrgUnit', 5)}=`, 'unitId')).toThrow();
    expect(() => fromGlobalId('not base64 at all', 'unitId')).toThrow();
  });
});
