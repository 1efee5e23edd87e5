import { request as httpRequest } from 'node:http';
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toGlobalId } from '../../src/common/global-id';
import { codes, TestApp } from '../helpers/app';
import { make } from '../helpers/factories';

let app: TestApp;
let server: Awaited<ReturnType<TestApp['listen']>>;
let dataDir: string;
const MAX = 64 * 1024;

beforeAll(async () => {
  app = await TestApp.create();
  dataDir = mkdtempSync(join(tmpdir(), 'attachments-'));
  server = await app.listen({ DATA_DIR: dataDir, ATTACHMENT_MAX_BYTES: String(MAX) });
});
afterAll(async () => {
  await server?.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d494844520000000100000001080600000000', 'hex'),
  Buffer.alloc(64),
]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);

const ATTACH = `mutation($input: AttachFileInput!) { attachFile(input: $input) { id fileName mediaType size title url attachedAt } }`;
const ITEM_FILES = `query($id: ID!) { disclosureItem(id: $id) { attachments { id fileName title url } } }`;
const REPORT_FILES = `query($unitId: ID!, $year: Int!) { annualReport(unitId: $unitId, year: $year) { id attachments { id fileName } } }`;

async function upload(body: Buffer, name: string, as?: string | null, headers: Record<string, string> = {}) {
  const auth: Record<string, string> = as ? { authorization: `Bearer ${await app.tokenFor(as)}` } : {};
  const res = await fetch(`${server.url}/attachments?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...auth, ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function download(id: string, as?: string | null) {
  const headers: Record<string, string> = as ? { authorization: `Bearer ${await app.tokenFor(as)}` } : {};
  const res = await fetch(`${server.url}/attachments/${id}`, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A new item of a unit, returning its global id. */
async function newItem(unit: string, published: boolean): Promise<string> {
  await make.item(app, {
    unit,
    status: published ? 'PUBLISHED' : 'DRAFT',
    isPublic: published,
    publishedAt: published ? '2026-01-05T10:00:00+08:00' : undefined,
  });
  const [row] = await app.sql(`select max(id) as id from disclosure_item`);
  return toGlobalId('DisclosureItem', row.id);
}

const rows = async () => Number((await app.sql(`select count(*) from attachment`))[0].count);
const storedFiles = () => {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(join(d, e.name));
    }
  };
  walk(join(dataDir, 'attachments'));
  return out;
};

describe('upload', () => {
  it('stores a PDF by content, names it safely and answers its id; the same bytes are stored once', async () => {
    const first = await upload(PDF, '../关务公开手册.exe', 'tj-office-liaison', { 'content-type': 'image/png' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ fileName: '关务公开手册.pdf', mediaType: 'application/pdf', size: PDF.length });
    const second = await upload(PDF, 'copy.pdf', 'tj-office-liaison');
    expect(second.body.sha256).toBe(first.body.sha256);
    expect(second.body.id).not.toBe(first.body.id);
    expect(storedFiles().filter((f) => f.endsWith(first.body.sha256))).toHaveLength(1);
    expect(storedFiles().filter((f) => f.includes(`${join('attachments', 'tmp')}`))).toEqual([]);
  });

  it.each([
    ['the public', null, 401, 'UNAUTHENTICATED'],
    ['a bad token', 'bad', 401, 'UNAUTHENTICATED'],
  ])('refuses %s', async (_label, as, status, code) => {
    const before = await rows();
    const res =
      as === 'bad'
        ? await fetch(`${server.url}/attachments?name=a.pdf`, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: PDF }).then(async (r) => ({
            status: r.status,
            body: (await r.json()) as Record<string, any>,
          }))
        : await upload(PDF, 'a.pdf', as);
    expect(res.status).toBe(status);
    expect(res.body.errors[0].extensions.code).toBe(code);
    expect(await rows()).toBe(before);
  });

  it.each([
    ['a program named .pdf', EXE, 'handbook.pdf', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['plain text', Buffer.from('举报电话 12360'), 'phones.pdf', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an empty body', Buffer.alloc(0), 'empty.pdf', 400, 'BAD_USER_INPUT'],
    ['a file over the limit', Buffer.concat([PDF, Buffer.alloc(MAX)]), 'big.pdf', 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s and leaves no file and no row', async (_label, body, name, status, code) => {
    const [beforeRows, beforeFiles] = [await rows(), storedFiles().length];
    const res = await upload(body, name, 'tj-office-liaison');
    expect(res.status).toBe(status);
    expect(res.body.errors[0].extensions.code).toBe(code);
    expect(await rows()).toBe(beforeRows);
    expect(storedFiles()).toHaveLength(beforeFiles);
  });

  it('leaves no file and no row when the client goes away midway, without a declared length too', async () => {
    const [beforeRows, beforeFiles] = [await rows(), storedFiles().length];
    const token = await app.tokenFor('tj-office-liaison');
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${server.url}/attachments?name=half.pdf`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'transfer-encoding': 'chunked' },
      });
      req.on('error', () => resolve());
      req.write(PDF);
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    // The server notices the closed connection and cleans up.
    for (let i = 0; i < 50 && storedFiles().length !== beforeFiles; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 200));
    expect(storedFiles()).toHaveLength(beforeFiles);
    expect(await rows()).toBe(beforeRows);
  });
});

describe('attach and download', () => {
  it('follows the owner: a draft item’s file is NOT_FOUND for the public and found for its staff', async () => {
    const item = await newItem('TJ-BGS', false);
    const up = await upload(PNG, '窗口标识.png', 'tj-office-liaison');
    const res = await app.gql(ATTACH, { input: { uploadId: up.body.id, itemId: item, title: '窗口标识' } }, 'tj-office-liaison');
    expect(res.errors).toBeUndefined();
    expect(res.data!.attachFile).toMatchObject({ fileName: '窗口标识.png', mediaType: 'image/png', title: '窗口标识', url: `/attachments/${up.body.id}` });

    const anonymous = await download(up.body.id);
    expect(anonymous.status).toBe(404);
    const other = await download(up.body.id, 'hp-admin');
    expect(other.status).toBe(404);
    const staff = await download(up.body.id, 'tj-admin');
    expect(staff.status).toBe(200);
    expect(staff.bytes.equals(PNG)).toBe(true);
    expect(staff.headers.get('content-type')).toBe('image/png');
    expect(staff.headers.get('x-content-type-options')).toBe('nosniff');
    expect(staff.headers.get('content-disposition')).toBe(`attachment; filename="????.png"; filename*=UTF-8''${encodeURIComponent('窗口标识.png')}`);

    const audit = await app.sql(`select actor_username, target_type, after from audit_record where action = 'attachment.attachFile' order by id desc limit 1`);
    expect(audit[0]).toMatchObject({ actor_username: 'tj-office-liaison', target_type: 'DisclosureItem', after: { id: up.body.id, title: '窗口标识' } });
  });

  it('shows a published item’s files attached before its publication to everyone, later ones only to staff', async () => {
    const item = await newItem('TJ-BGS', true);
    const early = await upload(PDF, '办事指南.pdf', 'tj-office-liaison');
    const late = await upload(PNG, '新增.png', 'tj-office-liaison');
    for (const up of [early, late])
      expect((await app.gql(ATTACH, { input: { uploadId: up.body.id, itemId: item } }, 'tj-office-liaison')).errors).toBeUndefined();
    // The first was attached before the publication (published again since), the second after it.
    await app.sql(`update attachment set attached_at = '2026-01-01T00:00:00Z' where id = $1`, [early.body.id]);

    const pub = await app.gql(ITEM_FILES, { id: item });
    expect(pub.data!.disclosureItem.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['办事指南.pdf']);
    const staff = await app.gql(ITEM_FILES, { id: item }, 'tj-admin');
    expect(staff.data!.disclosureItem.attachments.map((a: { fileName: string }) => a.fileName).sort()).toEqual(['办事指南.pdf', '新增.png'].sort());
    expect((await download(early.body.id)).status).toBe(200);
    expect((await download(late.body.id)).status).toBe(404);
    const publicFile = await download(early.body.id);
    expect(publicFile.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('attaches to an annual report (its writers), public once a publication follows', async () => {
    const hp = toGlobalId('OrgUnit', (await app.sql(`select id from org_unit where code = 'HP'`))[0].id);
    const report = (await app.gql(REPORT_FILES, { unitId: hp, year: 2009 }, 'hp-admin')).data!.annualReport;
    const up = await upload(PDF, '2009年度报告（盖章版）.pdf', 'hp-admin');
    const res = await app.gql(ATTACH, { input: { uploadId: up.body.id, reportId: report.id } }, 'hp-admin');
    expect(res.errors).toBeUndefined();
    expect((await app.gql(REPORT_FILES, { unitId: hp, year: 2009 }, 'hp-admin')).data!.annualReport.attachments).toHaveLength(1);
    // Attached after the current publication: not public until the next one.
    expect((await app.gql(REPORT_FILES, { unitId: hp, year: 2009 })).data!.annualReport.attachments).toEqual([]);
    expect((await download(up.body.id)).status).toBe(404);
    await app.sql(`update attachment set attached_at = '2010-01-01T00:00:00Z' where id = $1`, [up.body.id]);
    expect((await app.gql(REPORT_FILES, { unitId: hp, year: 2009 })).data!.annualReport.attachments).toHaveLength(1);
    expect((await download(up.body.id)).status).toBe(200);
  });

  it('refuses attaching someone else’s upload, to an item outside the caller’s scope, or twice; names bad input', async () => {
    const item = await newItem('TJ-BGS', false);
    const up = await upload(PDF, 'x.pdf', 'tj-office-liaison');
    const notMine = await app.gql(ATTACH, { input: { uploadId: up.body.id, itemId: item } }, 'tj-publisher');
    expect(codes(notMine)).toEqual(['NOT_FOUND']);
    const hpItem = await newItem('HP-BGS', false);
    const outside = await app.gql(ATTACH, { input: { uploadId: up.body.id, itemId: hpItem } }, 'tj-office-liaison');
    expect(codes(outside)).toEqual(['NOT_FOUND']);
    const reviewer = await upload(PDF, 'y.pdf', 'tj-legal');
    const notAuthor = await app.gql(ATTACH, { input: { uploadId: reviewer.body.id, itemId: item } }, 'tj-legal');
    expect(codes(notAuthor)).toEqual(['FORBIDDEN']);
    const both = await app.gql(ATTACH, { input: { uploadId: 'nope', itemId: item, reportId: item } }, 'tj-office-liaison');
    expect(codes(both)).toEqual(['BAD_USER_INPUT']);
    expect(both.errors![0].extensions!.fields.map((f: { field: string }) => f.field).sort()).toEqual(['input.itemId', 'input.uploadId']);
    expect((await app.gql(ATTACH, { input: { uploadId: up.body.id, itemId: item } }, 'tj-office-liaison')).errors).toBeUndefined();
    const twice = await app.gql(ATTACH, { input: { uploadId: up.body.id, itemId: item } }, 'tj-office-liaison');
    expect(codes(twice)).toEqual(['CONFLICT']);
    const [row] = await app.sql(`select item_id from attachment where id = $1`, [up.body.id]);
    expect(toGlobalId('DisclosureItem', row.item_id)).toBe(item);
  });

  it('detaches a file for whoever may attach to the owner, audited; the public download is gone at once', async () => {
    const item = await newItem('TJ-BGS', true);
    const up = await upload(PDF, '旧版手册.pdf', 'tj-office-liaison');
    expect((await app.gql(ATTACH, { input: { uploadId: up.body.id, itemId: item } }, 'tj-office-liaison')).errors).toBeUndefined();
    await app.sql(`update attachment set attached_at = '2026-01-01T00:00:00Z' where id = $1`, [up.body.id]);
    expect((await download(up.body.id)).status).toBe(200);
    const DETACH = `mutation($id: ID!) { detachFile(id: $id) }`;
    // Others see the published item, so they are told they may not, rather than that it is not there.
    expect(codes(await app.gql(DETACH, { id: up.body.id }, 'hp-admin'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(DETACH, { id: up.body.id }, 'tj-legal'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(DETACH, { id: '6f1c2a8e-0d4b-4c1e-9a43-2f6b1d7e8c90' }, 'tj-publisher'))).toEqual(['NOT_FOUND']);
    expect(await app.sql(`select 1 from attachment where id = $1`, [up.body.id])).toHaveLength(1);
    const res = await app.gql(DETACH, { id: up.body.id }, 'tj-publisher');
    expect(res.errors).toBeUndefined();
    expect(res.data!.detachFile).toBe(true);
    expect(await app.sql(`select 1 from attachment where id = $1`, [up.body.id])).toHaveLength(0);
    expect((await download(up.body.id)).status).toBe(404);
    const [audit] = await app.sql(`select actor_username, before from audit_record where action = 'attachment.detachFile' order by id desc limit 1`);
    expect(audit).toMatchObject({ actor_username: 'tj-publisher', before: { id: up.body.id, fileName: '旧版手册.pdf' } });
  });

  it('lets the uploader alone download an upload not attached yet', async () => {
    const up = await upload(PDF, 'pending.pdf', 'tj-office-liaison');
    expect((await download(up.body.id, 'tj-office-liaison')).status).toBe(200);
    expect((await download(up.body.id, 'tj-admin')).status).toBe(404);
    expect((await download('not-a-uuid')).status).toBe(404);
  });
});
