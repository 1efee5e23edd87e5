import { toGlobalId } from '../../src/common/global-id';
import type { GqlResult, TestApp } from '../helpers/app';

/** Global id of a catalogue category by code. */
export async function categoryId(app: TestApp, code: string): Promise<string> {
  const [row] = await app.sql<{ id: number }>('select id from catalogue_category where code = $1', [code]);
  if (!row) throw new Error(`no category ${code}`);
  return toGlobalId('CatalogueCategory', row.id);
}

/** Fails with the errors when a result has any. */
export function ok<T>(res: GqlResult<T>): T {
  if (res.errors?.length) throw new Error(JSON.stringify(res.errors, null, 2));
  return res.data as T;
}

export const ITEM = `id title body level channels legalBasis publishedAt status mode cadence formedDate publishDeadline nextMaintenanceDate nextDueDate version internalNotes hasUnpublishedChanges category { code } ownerUnit { code }`;

export const CREATE = `mutation($input: CreateDisclosureItemInput!) { createDisclosureItem(input: $input) { ${ITEM} } }`;
export const UPDATE = `mutation($input: UpdateDisclosureItemInput!) { updateDisclosureItem(input: $input) { ${ITEM} } }`;
export const SUBMIT = `mutation($id: ID!) { submitForReview(id: $id) { id status reviews { kind decision } } }`;
export const REVIEW = `mutation($input: ReviewDisclosureItemInput!) { reviewDisclosureItem(input: $input) { id status reviews { kind decision comment round reviewerUsername } } }`;
export const PUBLISH = `mutation($id: ID!) { publishDisclosureItem(id: $id) { id status publishedAt title } }`;
export const RETIRE = `mutation($id: ID!) { retireDisclosureItem(id: $id) { id status } }`;
export const GET = `query($id: ID!) { disclosureItem(id: $id) { ${ITEM} reviews { kind decision comment } withholding { status reason rulingReasons } revisions { version action changedByUsername changes { path type before after } } } }`;
