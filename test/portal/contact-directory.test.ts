import { codes, TestApp, unitId } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const CONTACT = `query($code: String!) { orgUnit(code: $code) { name contact { address postcode officeHours website email version updatedAt phones { kind number label } } } }`;
const UPDATE = `mutation($input: UpdateUnitContactInput!) { updateUnitContact(input: $input) { code contact { address postcode email website version phones { kind number label } } } }`;
const contactRow = async (code: string) =>
  (await app.sql(`select c.* from org_unit_contact c join org_unit u on u.id = c.unit_id where u.code = $1`, [code]))[0] as Record<string, any> | undefined;
const auditCount = async () => Number((await app.sql(`select count(*) from audit_record where action = 'portal.updateUnitContact'`))[0].count);

describe('contact directory', () => {
  it('shows the seeded directory of 黄埔海关 to anyone, from the 2009 report', async () => {
    const res = await app.gql(CONTACT, { code: 'HP' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.orgUnit.contact).toMatchObject({ address: '广州市黄埔区保金路 36 号', postcode: '510730', version: 1 });
    expect(res.data!.orgUnit.contact.phones).toContainEqual({ kind: 'DISCLOSURE', number: '020-82130926', label: '办公室（政务公开）' });
  });

  it('answers an empty directory at version 0 for a unit without one', async () => {
    const res = await app.gql(CONTACT, { code: 'TJ-JCS' });
    expect(res.data!.orgUnit.contact).toEqual({
      address: null,
      postcode: null,
      officeHours: null,
      website: null,
      email: null,
      version: 0,
      updatedAt: null,
      phones: [],
    });
  });

  it('lets an OFFICE_ADMIN over the unit create, change and clear fields with a version check, audited', async () => {
    const before = await auditCount();
    const unit = await unitId(app, 'TJ-JCS');
    const created = await app.gql(
      UPDATE,
      {
        input: {
          unitId: unit,
          expectedVersion: 0,
          address: ' 天津市和平区营口道 2 号 ',
          postcode: '300041',
          phones: [{ kind: 'REPORTING', number: '022-84201234', label: '监察室举报' }],
        },
      },
      'tj-admin',
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.updateUnitContact.contact).toMatchObject({ address: '天津市和平区营口道 2 号', postcode: '300041', email: null, version: 1 });
    const changed = await app.gql(UPDATE, { input: { unitId: unit, expectedVersion: 1, email: 'jcs@tianjin.customs.gov.cn', postcode: '' } }, 'tj-admin');
    expect(changed.errors).toBeUndefined();
    // Omitted fields stay; "" clears.
    expect(changed.data!.updateUnitContact.contact).toMatchObject({
      address: '天津市和平区营口道 2 号',
      postcode: null,
      email: 'jcs@tianjin.customs.gov.cn',
      version: 2,
    });
    expect(changed.data!.updateUnitContact.contact.phones).toHaveLength(1);
    expect(await auditCount()).toBe(before + 2);
    const [audit] = await app.sql(`select actor_username, before, after from audit_record where action = 'portal.updateUnitContact' order by id desc limit 1`);
    expect(audit).toMatchObject({ actor_username: 'tj-admin', before: { postcode: '300041', version: 1 }, after: { postcode: null, version: 2 } });

    const stale = await app.gql(UPDATE, { input: { unitId: unit, expectedVersion: 1, address: '旧地址' } }, 'tj-admin');
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect((await contactRow('TJ-JCS'))!.address).toBe('天津市和平区营口道 2 号');
    expect(await auditCount()).toBe(before + 2);
  });

  it.each([
    ['an admin of another district', 'hp-admin'],
    ['a publisher of the district', 'tj-publisher'],
    ['the public', null],
  ])('refuses %s and writes nothing', async (_label, as) => {
    const before = await auditCount();
    const res = await app.gql(UPDATE, { input: { unitId: await unitId(app, 'TJ-FGC'), expectedVersion: 0, address: '某地' } }, as);
    expect(codes(res)).toEqual([as ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
    expect(await contactRow('TJ-FGC')).toBeUndefined();
    expect(await auditCount()).toBe(before);
  });

  it('names every bad field in Chinese and writes nothing', async () => {
    const before = (await contactRow('HP'))!;
    const res = await app.gql(
      UPDATE,
      {
        input: {
          unitId: await unitId(app, 'HP'),
          expectedVersion: 1,
          postcode: '51073',
          website: 'javascript:alert(1)',
          email: 'not-an-address',
          phones: [{ kind: 'DUTY', number: 'call us' }],
        },
      },
      'hp-admin',
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const fields = res.errors![0].extensions!.fields as { field: string; message: string }[];
    expect(fields.map((f) => f.field).sort()).toEqual(['input.email', 'input.phones.0.number', 'input.postcode', 'input.website']);
    expect(fields.find((f) => f.field === 'input.postcode')!.message).toBe('应为 6 位数字邮政编码');
    expect(await contactRow('HP')).toEqual(before);
  });
});
