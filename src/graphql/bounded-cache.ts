import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Limits of Apollo's document store and persisted-query cache (see `BoundedCache`). */
export const DOCUMENT_STORE = { maxEntries: 1000, maxSourceChars: 256 * 1024 };
export const PERSISTED_QUERIES = { maxEntries: 500, maxSourceChars: 1024 * 1024 };

/**
 * A key-value cache for Apollo (its `KeyValueCache` shape), bounded by entry count and by a size
 * that tracks memory, least recently used first out.
 *
 * Apollo's default caches are bounded only by 30 MiB of the values' JSON. For parsed documents
 * that is far from their memory: a parsed document takes many times more heap than its JSON, so
 * anyone sending distinct documents could make the document store hold over a hundred megabytes
 * (measured: bench/README.md). Here a document's size is the length of its query text (`loc.end`), a string's
 * its length, and a count bound keeps tiny entries from adding up.
 */
export class BoundedCache<V extends string | DocumentNode> {
  private readonly entries: LRUCache<string, V>;

  constructor({ maxEntries, maxSourceChars }: { maxEntries: number; maxSourceChars: number }) {
    this.entries = new LRUCache<string, V>({
      max: maxEntries,
      maxSize: maxSourceChars,
      sizeCalculation: (value) => Math.max(1, typeof value === 'string' ? value.length : (value.loc?.end ?? JSON.stringify(value).length)),
    });
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<V | undefined> {
    return this.entries.get(key);
  }

  /** Apollo's `ttl` is in seconds; an entry larger than the whole cache is not kept. */
  async set(key: string, value: V, options?: { ttl?: number | null }): Promise<void> {
    this.entries.set(key, value, options?.ttl ? { ttl: options.ttl * 1000 } : undefined);
  }

  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }
}
