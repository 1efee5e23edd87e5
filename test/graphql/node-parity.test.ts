import { toGlobalId } from '../../src/common/global-id';
import { buildAppSchema } from '../../src/graphql/schema';
import { GraphQLInterfaceType, GraphQLSchema } from 'graphql';
import { GqlResult, TestApp } from '../helpers/app';

/**
 * node(id:) must show a caller exactly the rows the list queries show it. For every type that
 * implements Node, `listed` gathers the global ids the caller reaches through that type's list
 * query (paging to the end), and `rows` names the rows to try through node(id:). A new Node type
 * without an entry here fails the first test.
 */

let app: TestApp;
let schema: GraphQLSchema;
beforeAll(async () => {
  app = await TestApp.create();
  schema = await buildAppSchema();
  // Notifications to look at: two for each of a few users.
  await app.sql(
    `insert into notification (user_id, kind, title) select u.id, 'ITEM_SUBMITTED', '测试通知' from app_user u, generate_series(1, 2) where u.username = any($1)`,
    [['tj-legal', 'hp-admin', 'admin', 'tj-office-liaison']],
  );
  // Audit records to look at: one per district admin, one by the central admin.
  const UPDATE = `mutation($input: UpdateOrgUnitInput!) { updateOrgUnit(input: $input) { version } }`;
  for (const [code, as, name] of [
    ['HP-XT', 'hp-admin', '新塘海关'],
    ['TJ-JSC', 'tj-admin', '技术处'],
    ['XN', 'admin', '西宁海关'],
  ]) {
    const [{ id, version }] = await app.sql(`select id, version from org_unit where code = $1`, [code]);
    const res = await app.gql(UPDATE, { input: { id: toGlobalId('OrgUnit', id), expectedVersion: version, name } }, as);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }
});
afterAll(() => app.close());

/** Every page of a connection query (`$after` variable, `connection` at data[field]). */
async function pages(as: string | undefined, field: string, query: string, variables: Record<string, unknown> = {}): Promise<any[]> {
  const out: any[] = [];
  let after: string | null = null;
  for (;;) {
    const res: GqlResult = await app.gql(query, { ...variables, after }, as);
    if (res.errors?.length) {
      if (['UNAUTHENTICATED', 'FORBIDDEN'].includes(res.errors[0].extensions?.code)) return out;
      throw new Error(JSON.stringify(res.errors));
    }
    const conn: { nodes: any[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = res.data![field];
    out.push(...conn.nodes);
    if (!conn.pageInfo.hasNextPage) return out;
    after = conn.pageInfo.endCursor;
  }
}

const PAGE = 'pageInfo { hasNextPage endCursor }';
const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));

interface Parity {
  /** Numeric ids of the rows to try (a spread sample). */
  rows: string;
  /** Global ids the caller reaches through the type's list query. */
  listed: (as: string | undefined) => Promise<Set<string>>;
}

/** The rows of a table, at most 15, spread over its ids. */
const sample = (table: string) => `select min(id) as id from (select id, ntile(15) over (order by id) as b from ${table}) t group by b`;

const PARITY: Record<string, Parity> = {
  OrgUnit: {
    rows: sample('org_unit'),
    listed: async (as) =>
      ids(await pages(as, 'orgUnits', `query($after: String) { orgUnits(includeInactive: true, first: 100, after: $after) { nodes { id } ${PAGE} } }`)),
  },
  User: {
    rows: sample('app_user'),
    listed: async (as) => {
      const users = await pages(as, 'users', `query($after: String) { users(includeInactive: true, first: 100, after: $after) { nodes { id } ${PAGE} } }`);
      const me = as ? (await app.gql(`{ me { id } }`, {}, as)).data!.me : null;
      return ids(me ? [...users, me] : users);
    },
  },
  RoleAssignment: {
    rows: sample('role_assignment'),
    listed: async (as) => {
      const users = await pages(
        as,
        'users',
        `query($after: String) { users(includeInactive: true, first: 100, after: $after) { nodes { assignments { id } } ${PAGE} } }`,
      );
      const me = as ? (await app.gql(`{ me { assignments { id } } }`, {}, as)).data!.me : null;
      return ids([...users, ...(me ? [me] : [])].flatMap((u) => u.assignments ?? []));
    },
  },
  AuditRecord: {
    rows: sample('audit_record'),
    listed: async (as) => ids(await pages(as, 'auditTrail', `query($after: String) { auditTrail(first: 100, after: $after) { nodes { id } ${PAGE} } }`)),
  },
  Notification: {
    rows: sample('notification'),
    listed: async (as) => ids(await pages(as, 'notifications', `query($after: String) { notifications(first: 100, after: $after) { nodes { id } ${PAGE} } }`)),
  },
  CatalogueCategory: {
    rows: sample('catalogue_category'),
    listed: async (as) => {
      const districts = await app.sql(`select id from org_unit where kind = 'DISTRICT'`);
      const out = new Set<string>();
      for (const districtId of [null, ...districts.map((d) => toGlobalId('OrgUnit', d.id))]) {
        const res = await app.gql(`query($d: ID) { catalogueCategories(districtId: $d) { id } }`, { d: districtId }, as);
        for (const c of res.data!.catalogueCategories) out.add(c.id);
      }
      return out;
    },
  },
  DisclosureItem: {
    rows: sample('disclosure_item'),
    listed: async (as) =>
      ids(await pages(as, 'disclosureItems', `query($after: String) { disclosureItems(first: 100, after: $after) { nodes { id } ${PAGE} } }`)),
  },
  InspectionScheme: {
    rows: sample('inspection_scheme'),
    listed: async (as) =>
      ids(await pages(as, 'inspectionSchemes', `query($after: String) { inspectionSchemes(first: 100, after: $after) { nodes { id } ${PAGE} } }`)),
  },
  InspectionIndicator: {
    rows: sample('inspection_indicator'),
    listed: async (as) =>
      ids(
        (
          await pages(as, 'inspectionSchemes', `query($after: String) { inspectionSchemes(first: 100, after: $after) { nodes { indicators { id } } ${PAGE} } }`)
        ).flatMap((s) => s.indicators),
      ),
  },
  Inspection: {
    rows: sample('inspection'),
    listed: async (as) => ids(await pages(as, 'inspections', `query($after: String) { inspections(first: 100, after: $after) { nodes { id } ${PAGE} } }`)),
  },
  LiaisonAppointment: {
    rows: sample('liaison_appointment'),
    listed: async (as) =>
      ids(
        await pages(as, 'liaisonOfficers', `query($after: String) { liaisonOfficers(includeEnded: true, first: 100, after: $after) { nodes { id } ${PAGE} } }`),
      ),
  },
  StatisticsTemplate: {
    rows: sample('statistics_template'),
    listed: async (as) => ids((await app.gql(`{ statisticsTemplates { id } }`, {}, as)).data!.statisticsTemplates),
  },
  DisclosureRequest: {
    rows: sample('disclosure_request'),
    listed: async (as) =>
      ids(await pages(as, 'disclosureRequests', `query($after: String) { disclosureRequests(first: 100, after: $after) { nodes { id } ${PAGE} } }`)),
  },
  ContactCase: {
    rows: sample('contact_case'),
    listed: async (as) => ids(await pages(as, 'contactCases', `query($after: String) { contactCases(first: 100, after: $after) { nodes { id } ${PAGE} } }`)),
  },
  ContactConsultation: {
    rows: sample('contact_consultation'),
    listed: async (as) => {
      // The log is per unit subtree: ask it from the root.
      const [{ id: root }] = await app.sql(`select id from org_unit where parent_id is null`);
      return ids(
        await pages(
          as,
          'contactConsultations',
          `query($u: ID!, $after: String) { contactConsultations(unitId: $u, first: 100, after: $after) { nodes { id } ${PAGE} } }`,
          { u: toGlobalId('OrgUnit', root) },
        ),
      );
    },
  },
  AnnualStatistics: {
    rows: sample('annual_statistics'),
    listed: async (as) => {
      // The list is per unit and year: ask it for every unit and year that has rows.
      const out = new Set<string>();
      for (const { unit_id, year } of await app.sql(`select distinct unit_id, year from annual_statistics`)) {
        const res = await app.gql(
          `query($u: ID!, $y: Int!) { annualStatistics(unitId: $u, year: $y) { id } }`,
          { u: toGlobalId('OrgUnit', unit_id), y: year },
          as,
        );
        for (const s of res.data!.annualStatistics) out.add(s.id);
      }
      return out;
    },
  },
};

/** Which of `globalIds` node(id:) answers for the caller (one request each: node is non-null, so one miss nulls a whole batch). */
async function reachedByNode(as: string | undefined, globalIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const id of globalIds) {
    const res = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, as);
    for (const e of res.errors ?? []) {
      if (e.extensions?.code !== 'NOT_FOUND') throw new Error(`node(id:) answered ${e.extensions?.code}: ${e.message}`);
    }
    if (res.data?.node) out.add(id);
  }
  return out;
}

describe('node(id:) and the list queries', () => {
  it('has a list counterpart for every Node type of the schema', () => {
    const nodeTypes = schema
      .getPossibleTypes(schema.getType('Node') as GraphQLInterfaceType)
      .map((t) => t.name)
      .sort();
    expect(nodeTypes).toEqual(Object.keys(PARITY).sort());
  });

  // Anonymous, a district admin out of scope for most rows, and a subordinate office's liaison.
  for (const as of [undefined, 'hp-admin', 'dg-liaison']) {
    it(`shows ${as ?? 'anonymous callers'} through node(id:) exactly what the lists show`, async () => {
      const mismatches: string[] = [];
      let reachable = 0;
      for (const [type, parity] of Object.entries(PARITY)) {
        const rows = await app.sql<{ id: number }>(parity.rows);
        expect(rows.length).toBeGreaterThan(0);
        const candidates = rows.map((r) => toGlobalId(type, r.id));
        const listed = await parity.listed(as);
        const byNode = await reachedByNode(as, candidates);
        for (const id of candidates) {
          if (byNode.has(id) !== listed.has(id))
            mismatches.push(
              `${type} ${Buffer.from(id, 'base64url')}: node ${byNode.has(id) ? 'shows' : 'hides'} it, the list ${listed.has(id) ? 'shows' : 'hides'} it`,
            );
        }
        reachable += byNode.size;
      }
      expect(mismatches).toEqual([]);
      // Both sides of the line are exercised: some rows are reachable, some are not.
      expect(reachable).toBeGreaterThan(0);
    });
  }
});
