import type { Jieba } from '@node-rs/jieba';

/**
 * Chinese word segmentation for full-text search (jieba, a native binary shipped in the package).
 *
 * Documents are indexed with every word jieba finds in search mode (知识产权 also as 知识 and 产权);
 * a query is cut precisely and each of its words matches either itself or all of its parts. Both
 * sides are normalised here (lower case, punctuation and spaces dropped), and the document side is
 * written as a tsvector literal with positions and weights: PostgreSQL's own parser (even the
 * 'simple' configuration) would split jieba's words again ("020-82130926", "e-mail", "2024年"), so
 * document and query could disagree. One function for both keeps them in step.
 */

let jieba: Jieba | null = null;
/**
 * The segmenter, loaded on first use (about 0.3 s): the native module and its dictionary (about
 * 15 MB of memory) stay out of processes that never segment, such as a read-only replica's API.
 */
function segmenter(): Jieba {
  if (!jieba) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
    /* eslint-enable @typescript-eslint/no-require-imports */
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}

/** Words that carry no meaning on their own in a query (kept in documents; dropped from queries). */
const QUERY_STOP_WORDS = new Set(['的', '与', '和', '及', '或', '了', '在', '是', '对', '等', '之', '于', '关于', '有关', '以及', '其']);

/** Tokens made only of punctuation, symbols or spaces. */
const NOISE = /^[\p{P}\p{S}\p{Z}\s]+$/u;
/** PostgreSQL limits: a lexeme's bytes, the highest position, positions kept per lexeme. */
const MAX_LEXEME_BYTES = 2046;
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;

function normalise(token: string): string | null {
  const t = token.trim().toLowerCase();
  if (!t || NOISE.test(t) || Buffer.byteLength(t) > MAX_LEXEME_BYTES) return null;
  return t;
}

/** Quotes one lexeme for tsvector / tsquery input. */
function quoteLexeme(t: string): string {
  return `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The weighted parts of a document: A ranks highest (titles), then B, C. */
export interface SearchDocument {
  A?: string | null;
  B?: string | null;
  C?: string | null;
}

/**
 * A document as tsvector input text (`'举报':1A '电话':2A …`): every search-mode word of each part
 * with its positions and the part's weight. Null when the document has no words.
 */
export function documentVector(doc: SearchDocument): string | null {
  const positions = new Map<string, string[]>();
  let pos = 0;
  for (const weight of ['A', 'B', 'C'] as const) {
    const text = doc[weight];
    if (!text) continue;
    for (const raw of segmenter().cutForSearch(text, true)) {
      const t = normalise(raw);
      if (!t) continue;
      pos = Math.min(pos + 1, MAX_POSITION);
      let list = positions.get(t);
      if (!list) positions.set(t, (list = []));
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${pos}${weight}`);
    }
  }
  if (!positions.size) return null;
  return [...positions].map(([t, list]) => `${quoteLexeme(t)}:${list.join(',')}`).join(' ');
}

/** What a user's search term becomes. */
export interface SearchQuery {
  /** tsquery input text (every word of the term, in any order), or null when the term has no words. */
  tsquery: string | null;
  /** The words to highlight in snippets, longest first. */
  terms: string[];
  /** Whether the term is also matched as a substring: codes and numbers ("12360", "HS 0101"), or no words. */
  substring: boolean;
}

/**
 * A search term as a query: each precise word must occur (in any order), as itself or as all of its
 * search-mode parts (知识产权 or 知识 & 产权), so "电话 举报", "举报电话" and "举报 电话" agree.
 */
export function parseSearchTerm(term: string): SearchQuery {
  const clauses: string[] = [];
  const terms = new Set<string>();
  const seen = new Set<string>();
  for (const raw of segmenter().cut(term, true)) {
    const word = normalise(raw);
    if (!word || seen.has(word) || QUERY_STOP_WORDS.has(word)) continue;
    seen.add(word);
    terms.add(word);
    const parts = [...new Set(segmenter().cutForSearch(word, true).map(normalise))].filter((p): p is string => !!p && p !== word);
    for (const p of parts) terms.add(p);
    clauses.push(parts.length > 1 ? `(${quoteLexeme(word)} | ${parts.map(quoteLexeme).join(' & ')})` : quoteLexeme(word));
  }
  return {
    tsquery: clauses.length ? clauses.join(' & ') : null,
    terms: [...terms].sort((a, b) => b.length - a.length),
    substring: !clauses.length || /[0-9a-z]/i.test(term),
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A short extract of `text` around the first place where one of `terms` occurs, HTML-escaped, with
 * every occurrence wrapped in `<em>`. It works on the original text (not on the segmented vector,
 * which has no spaces to give back and loses the punctuation), so the reader sees the sentence as
 * written. Null when no term occurs.
 */
export function highlightSnippet(text: string, terms: readonly string[], width = 80): string | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat || !terms.length) return null;
  const pattern = new RegExp(terms.map(escapeRegExp).join('|'), 'giu');
  const first = pattern.exec(flat);
  if (!first) return null;
  const start = Math.max(0, first.index - Math.floor(width / 4));
  const end = Math.min(flat.length, start + width);
  const window = flat.slice(start, end);
  let out = '';
  let last = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(window); m; m = pattern.exec(window)) {
    out += escapeHtml(window.slice(last, m.index)) + '<em>' + escapeHtml(m[0]) + '</em>';
    last = m.index + m[0].length;
  }
  out += escapeHtml(window.slice(last));
  // Adjacent words read as one highlight (首问 + 负责 → <em>首问负责</em>).
  out = out.replaceAll('</em><em>', '');
  return (start > 0 ? '…' : '') + out + (end < flat.length ? '…' : '');
}
