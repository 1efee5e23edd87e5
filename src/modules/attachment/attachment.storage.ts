import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';

/** The AWS SDK, loaded only when an S3 bucket is configured (it adds about 20 MB to every process otherwise). */
/* eslint-disable @typescript-eslint/no-require-imports */
const sdk = () => require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
const storageSdk = () => require('@aws-sdk/lib-storage') as typeof import('@aws-sdk/lib-storage');
/* eslint-enable @typescript-eslint/no-require-imports */
import type { AttachmentConfig } from '../../config/env';

/** One stored file: its content hash and when it was last written (or re-uploaded). */
export interface StoredFile {
  sha256: string;
  modifiedAt: Date;
}

/**
 * Content-addressed file storage: a file's key is the SHA-256 of its bytes, so the same file
 * uploaded twice is stored once. Uploads are spooled to `tempDir` first (hashed, measured and
 * sniffed there), and only a complete, accepted file is handed to `put`.
 */
export interface BlobStorage {
  /** Local folder for uploads in progress. */
  readonly tempDir: string;
  /** Moves the spooled file at `tempPath` to its key; a file already stored gets a fresh timestamp. True when it was new. */
  put(sha256: string, tempPath: string, mediaType: string): Promise<boolean>;
  /** The file's bytes; rejects when it is missing. */
  open(sha256: string): Promise<Readable>;
  /** Removes a file (nothing if it is gone already). */
  remove(sha256: string): Promise<void>;
  /** Every stored file. */
  list(): AsyncIterable<StoredFile>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Files under a local folder (DATA_DIR/attachments), fanned out by the hash's first two bytes. */
export class LocalStorage implements BlobStorage {
  readonly tempDir: string;
  constructor(private readonly root: string) {
    this.tempDir = join(root, 'tmp');
  }

  private pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(sha256: string, tempPath: string): Promise<boolean> {
    const target = this.pathOf(sha256);
    try {
      const now = new Date();
      // Refreshing the timestamp keeps the cleanup's grace period from removing it under this upload.
      await utimes(target, now, now);
      await unlink(tempPath);
      return false;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await mkdir(join(target, '..'), { recursive: true });
    await rename(tempPath, target);
    return true;
  }

  async open(sha256: string): Promise<Readable> {
    const path = this.pathOf(sha256);
    await stat(path);
    return createReadStream(path);
  }

  async remove(sha256: string): Promise<void> {
    await unlink(this.pathOf(sha256)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  async *list(): AsyncIterable<StoredFile> {
    const dirs = async (path: string) =>
      (await readdir(path, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name));
    for (const a of await dirs(this.root)) {
      for (const b of await dirs(join(this.root, a.name))) {
        for (const name of await readdir(join(this.root, a.name, b.name))) {
          if (!SHA256.test(name)) continue;
          const s = await stat(join(this.root, a.name, b.name, name)).catch(() => null);
          if (s) yield { sha256: name, modifiedAt: s.mtime };
        }
      }
    }
  }
}

/** Files in an S3-compatible bucket under a prefix (the AWS SDK signs; multipart upload through lib-storage). */
export class S3Storage implements BlobStorage {
  private readonly client: S3Client;
  constructor(
    private readonly s3: NonNullable<AttachmentConfig['s3']>,
    readonly tempDir: string,
  ) {
    this.client = new (sdk().S3Client)({
      region: s3.region,
      endpoint: s3.endpoint ?? undefined,
      forcePathStyle: s3.forcePathStyle,
      credentials: s3.accessKeyId && s3.secretAccessKey ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } : undefined,
    });
  }

  private keyOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return `${this.s3.prefix}${sha256}`;
  }

  async put(sha256: string, tempPath: string, mediaType: string): Promise<boolean> {
    const existed = await this.client.send(new (sdk().HeadObjectCommand)({ Bucket: this.s3.bucket, Key: this.keyOf(sha256) })).then(
      () => true,
      (err: { $metadata?: { httpStatusCode?: number } }) => {
        if (err.$metadata?.httpStatusCode === 404) return false;
        throw err;
      },
    );
    // Always written: an existing object gets a fresh LastModified, which the cleanup's grace period reads.
    const upload = new (storageSdk().Upload)({
      client: this.client,
      params: { Bucket: this.s3.bucket, Key: this.keyOf(sha256), Body: createReadStream(tempPath), ContentType: mediaType },
    });
    await upload.done();
    await unlink(tempPath);
    return !existed;
  }

  async open(sha256: string): Promise<Readable> {
    const out = await this.client.send(new (sdk().GetObjectCommand)({ Bucket: this.s3.bucket, Key: this.keyOf(sha256) }));
    return out.Body as Readable;
  }

  async remove(sha256: string): Promise<void> {
    await this.client.send(new (sdk().DeleteObjectCommand)({ Bucket: this.s3.bucket, Key: this.keyOf(sha256) }));
  }

  async *list(): AsyncIterable<StoredFile> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new (sdk().ListObjectsV2Command)({ Bucket: this.s3.bucket, Prefix: this.s3.prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const sha256 = o.Key?.slice(this.s3.prefix.length) ?? '';
        if (SHA256.test(sha256)) yield { sha256, modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}

const storages = new Map<string, BlobStorage>();

/** The storage the configuration names (one instance per configuration). */
export function storageFor(config: AttachmentConfig): BlobStorage {
  const key = JSON.stringify(config.s3 ?? config.localDir);
  let storage = storages.get(key);
  if (!storage) {
    storage = config.s3 ? new S3Storage(config.s3, join(config.localDir, 'tmp')) : new LocalStorage(config.localDir);
    storages.set(key, storage);
  }
  return storage;
}
