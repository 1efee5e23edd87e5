import { isEnumType } from 'graphql';
import { toGlobalId } from '../../src/common/global-id';
import { buildAppSchema } from '../../src/graphql/schema';
import { CATALOGUES, localeFromHeader } from '../../src/i18n';
import { TestApp, unitId } from '../helpers/app';

/** Every leaf key of a nested catalogue, dotted. */
function keysOf(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('the message catalogue', () => {
  it('has the same keys in Chinese and English, and no empty message', () => {
    const zh = keysOf(CATALOGUES['zh-CN']).sort();
    const en = keysOf(CATALOGUES.en).sort();
    expect(en).toEqual(zh);
    expect(zh.length).toBeGreaterThan(100);
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const key of zh) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], CATALOGUES[locale]);
        expect(typeof value === 'string' && value.trim().length > 0 ? key : `${locale} ${key} is empty`).toBe(key);
      }
    }
  });

  it('labels every value of every enum of the schema in both locales (a new enum without labels fails here)', async () => {
    const schema = await buildAppSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isEnumType(type) || type.name.startsWith('__')) continue;
      for (const v of type.getValues()) {
        for (const locale of ['zh-CN', 'en'] as const) {
          const labels = (CATALOGUES[locale].enums as Record<string, Record<string, string> | undefined>)[type.name];
          if (!labels?.[v.name]) missing.push(`${locale} ${type.name}.${v.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('reads the locale from Accept-Language: Chinese unless English ranks first', () => {
    expect(localeFromHeader(undefined)).toBe('zh-CN');
    expect(localeFromHeader('en')).toBe('en');
    expect(localeFromHeader('en-GB,en;q=0.9')).toBe('en');
    expect(localeFromHeader('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeFromHeader('fr')).toBe('zh-CN');
    expect(localeFromHeader('zh;q=0.5, en;q=0.7')).toBe('en');
  });
});

describe('messages per request', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.create();
  });
  afterAll(() => app.close());

  const ME = `{ me { id } }`;
  const ASSIGN = `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`;

  it('answers a refusal in Chinese by default and in English with Accept-Language: en, over HTTP, with the same code and message key', async () => {
    const server = await app.listen();
    try {
      const post = async (headers: Record<string, string>) => {
        const res = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: ME }),
        });
        return (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      };
      const zh = await post({});
      expect(zh.errors[0]).toMatchObject({ message: '需要登录', extensions: { code: 'UNAUTHENTICATED', messageKey: 'errors.unauthenticated' } });
      const en = await post({ 'accept-language': 'en-US,en;q=0.9' });
      expect(en.errors[0]).toMatchObject({ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED', messageKey: 'errors.unauthenticated' } });
    } finally {
      await server.close();
    }
  });

  it('localises field problems too, keeping the field names', async () => {
    const input = { userId: toGlobalId('User', 999999), unitId: await unitId(app, 'TJ'), role: 'LIAISON' };
    const zh = await app.gql(ASSIGN, { input }, 'tj-admin');
    expect(zh.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.userId', message: '不是已有的用户' }] });
    expect(zh.errors![0].message).toBe('输入有误：input.userId: 不是已有的用户');
    const en = await app.gql(ASSIGN, { input }, 'tj-admin', { acceptLanguage: 'en' });
    expect(en.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.userId', message: 'is not an existing user' }] });
    expect(en.errors![0].message).toBe('Invalid input: input.userId: is not an existing user');
  });

  it('serves the labels of every enum, in the locale asked for and in both', async () => {
    const res = await app.gql(`{ labels(locale: EN) { enum values { value label zhCN en } } }`);
    expect(res.errors).toBeUndefined();
    const status = res.data!.labels.find((l: { enum: string }) => l.enum === 'ItemStatus');
    expect(status.values).toContainEqual({ value: 'PUBLISHED', label: 'Published', zhCN: '已公开', en: 'Published' });
    const zh = await app.gql(`{ labels { enum values { value label } } }`);
    const role = zh.data!.labels.find((l: { enum: string }) => l.enum === 'Role');
    expect(role.values).toContainEqual({ value: 'SECRECY_REVIEWER', label: '保密审查' });
  });
});
