import type { Msg } from '../../common/errors';
import { defaultMessage } from '../../i18n';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fromBuffer } from 'file-type';

/** Content types an attachment may have, decided from the bytes (file-type), never from the client's name or header. */
export const ALLOWED_TYPES: ReadonlyMap<string, string> = new Map([
  ['application/pdf', 'pdf'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'],
  // Word, Excel and PowerPoint 97–2003 files are OLE compound files, which file-type 16 cannot tell
  // apart: offered as .doc, the commonest (Office opens any of the three whatever the extension).
  ['application/x-cfb', 'doc'],
  ['image/jpeg', 'jpg'],
  ['image/png', 'png'],
  ['image/gif', 'gif'],
  ['image/webp', 'webp'],
]);

/** Bytes file-type reads to decide (its own minimum sample for every format it knows). */
const SNIFF_BYTES = 4100;

/** Why an upload was refused; `status` is the HTTP answer. */
export class UploadRejected extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: 'BAD_USER_INPUT' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE',
    readonly text: Msg,
  ) {
    super(defaultMessage(text.key, text.params));
  }
}

/** A complete upload spooled to a local file, measured, hashed and sniffed. */
export interface SpooledUpload {
  tempPath: string;
  sha256: string;
  size: number;
  mediaType: string;
  ext: string;
}

/**
 * Streams a request body to a temporary file while hashing and counting it, then decides its type
 * from its first bytes. Whatever goes wrong (too large, unknown type, the client gone midway, a
 * full disk) the temporary file is removed before the error reaches the caller.
 */
export async function spoolUpload(
  body: Readable,
  tempDir: string,
  messages: { tooLarge: Msg; unsupportedType: Msg; emptyFile: Msg },
  maxBytes: number,
): Promise<SpooledUpload> {
  await mkdir(tempDir, { recursive: true });
  const tempPath = join(tempDir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new UploadRejected(413, 'PAYLOAD_TOO_LARGE', messages.tooLarge));
      hash.update(chunk);
      if (headBytes < SNIFF_BYTES) {
        head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
        headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(tempPath, { flags: 'wx' }));
    if (size === 0) throw new UploadRejected(400, 'BAD_USER_INPUT', messages.emptyFile);
    const type = await fromBuffer(Buffer.concat(head));
    const ext = type ? ALLOWED_TYPES.get(type.mime) : undefined;
    if (!type || !ext) throw new UploadRejected(415, 'UNSUPPORTED_MEDIA_TYPE', messages.unsupportedType);
    return { tempPath, sha256: hash.digest('hex'), size, mediaType: type.mime, ext };
  } catch (err) {
    await removeQuietly(tempPath);
    throw err;
  }
}

/** Deletes a file, ignoring one that is already gone. */
export async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}
