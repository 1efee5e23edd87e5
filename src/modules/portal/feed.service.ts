import { defaultMessage } from '../../i18n';
import { Feed } from 'feed';
import type { ServiceContext } from '../../common/context';
import { toGlobalId } from '../../common/global-id';
import { runSql } from '../../db/sql';
import { CatalogueCategory } from '../catalogue';
import { OrgUnit } from '../organisation';
import { feedItemsSql } from './portal.queries';

/** Entries in a feed: the latest published items. */
export const FEED_SIZE = 50;

interface FeedRow {
  id: number;
  pub_title: string;
  pub_body: string | null;
  pub_legal_basis: string | null;
  published_at: Date | string;
  category_code: string | null;
  category_name: string | null;
  unit_code: string;
  unit_name: string;
}

/** A built feed, with what conditional GET needs. */
export interface BuiltFeed {
  body: string;
  /** The newest entry's publication time (the unit's creation for an empty feed). */
  updated: Date;
}

/** Where a feed's links point: the server's own origin, and the portal's item pages. */
export interface FeedLinks {
  /** e.g. https://api.example.org */
  origin: string;
  /** Template of an item's page on the portal, `{id}` = its global id (PORTAL_ITEM_URL); relative ones are taken from `origin`. */
  itemUrl: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text with markup characters escaped. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Plain text as HTML paragraphs (feed readers render entry content as HTML: nothing in a body may become markup). */
function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** Short plain-text summary of a body (first paragraph, at most 200 characters). */
function summaryOf(body: string | null): string {
  const text = (body ?? '').replace(/\s+/g, ' ').trim();
  return [...text].length > 200 ? `${[...text].slice(0, 200).join('')}…` : text;
}

/**
 * Atom and JSON Feed of the published items of a unit's subtree (optionally one category and its
 * sub-categories), built with the `feed` package. An entry's `updated` and `published` are the
 * publication time of its live snapshot, so a republished item moves to the top again.
 */
export class FeedService {
  constructor(private readonly ctx: Pick<ServiceContext, 'em'>) {}

  /** The feed, or null for an unknown unit or category code. */
  async build(unitCode: string, format: 'atom' | 'json', categoryCode: string | null, links: FeedLinks): Promise<BuiltFeed | null> {
    const em = this.ctx.em;
    const unit = await em.findOne(OrgUnit, { code: unitCode });
    const category = categoryCode ? await em.findOne(CatalogueCategory, { code: categoryCode }) : null;
    if (!unit || (categoryCode && !category)) return null;
    const rows = await runSql<FeedRow>(em, feedItemsSql(unit.id, category?.id ?? null, FEED_SIZE));
    const updated = rows.length ? new Date(rows[0].published_at) : unit.createdAt;
    const query = category ? `?category=${encodeURIComponent(category.code)}` : '';
    const self = (ext: string) => `${links.origin}/feeds/${encodeURIComponent(unit.code)}.${ext}${query}`;
    const absolute = (url: string) => (/^https?:\/\//.test(url) ? url : `${links.origin}${url.startsWith('/') ? '' : '/'}${url}`);
    const feed = new Feed({
      id: self('atom'),
      link: self(format),
      // Feeds are public and declared zh-CN: their own texts are the catalogue's Chinese.
      title: category
        ? defaultMessage('portal.feed.categoryTitle', { unit: unit.name, category: category.name })
        : defaultMessage('portal.feed.title', { unit: unit.name }),
      description: category
        ? defaultMessage('portal.feed.categoryDescription', { unit: unit.name, category: category.name })
        : defaultMessage('portal.feed.description', { unit: unit.name }),
      language: 'zh-CN',
      updated,
      generator: 'disclosure-federation',
      copyright: unit.name,
      feedLinks: { atom: self('atom'), json: self('json') },
    });
    for (const r of rows) {
      const id = toGlobalId('DisclosureItem', r.id);
      const body = [r.pub_body ?? '', r.pub_legal_basis ? `\n\n${defaultMessage('portal.feed.legalBasis', { basis: r.pub_legal_basis })}` : ''].join('');
      // The feed package marks Atom entry titles and summaries as HTML; JSON Feed's are plain text.
      const text = (t: string) => (format === 'atom' ? escapeHtml(t) : t);
      feed.addItem({
        id: `urn:disclosure-item:${id}`,
        title: text(r.pub_title),
        link: absolute(links.itemUrl.replace('{id}', encodeURIComponent(id))),
        description: text(summaryOf(r.pub_body)),
        content: textToHtml(body),
        date: new Date(r.published_at),
        published: new Date(r.published_at),
        author: [{ name: r.unit_name }],
        category: r.category_name ? [{ name: r.category_name, term: r.category_code ?? undefined }] : [],
      });
    }
    return { body: format === 'atom' ? feed.atom1() : feed.json1(), updated };
  }
}
