import { documentVector } from './segmenter';

/**
 * What an item's search vectors are made of: title (weight A) above body (B) above legal basis (C),
 * for the working copy and for the published snapshot (none while nothing is published). The
 * entity's write hook and `npm run reindex-search` both use these, so they cannot disagree.
 */
export function workingSearchVector(title: string, body: string | null | undefined, legalBasis: string | null | undefined): string | null {
  return documentVector({ A: title, B: body, C: legalBasis });
}

export function publishedSearchVector(
  pubTitle: string | null | undefined,
  pubBody: string | null | undefined,
  pubLegalBasis: string | null | undefined,
): string | null {
  return pubTitle == null ? null : documentVector({ A: pubTitle, B: pubBody, C: pubLegalBasis });
}
