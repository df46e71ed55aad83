// A minimal ZIP archive writer and reader on node:zlib (deflateRaw + crc32), no zip dependency.
// Entries are deflated unless that makes them bigger (PNGs are already compressed, so they are stored).
// Every entry carries the same fixed timestamp, so the same files always give the same archive bytes.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { crc32 } from './png';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

export interface ReadZipEntry extends ZipEntry {
  /** 0 stored, 8 deflated. */
  method: number;
}

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const END_SIG = 0x06054b50;
const UTF8_FLAG = 0x0800;
const VERSION = 20; // 2.0: deflate
/** 1980-01-01 00:00:00, the first date MS-DOS time can express. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

function checkName(name: string): void {
  if (!name || name.startsWith('/') || name.includes('\\') || name.split('/').some((p) => p === '..' || p === '')) {
    throw new ZipFormatError(`Invalid entry name: ${JSON.stringify(name)}`);
  }
}

export function createZip(entries: readonly ZipEntry[]): Buffer {
  const seen = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    checkName(entry.name);
    if (seen.has(entry.name)) throw new ZipFormatError(`Duplicate entry: ${entry.name}`);
    seen.add(entry.name);
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const stored = deflated.length >= entry.data.length;
    const body = stored ? Buffer.from(entry.data) : deflated;
    const method = stored ? 0 : 8;
    const crc = crc32(entry.data);
    if (entry.data.length > 0xfffffffe || offset > 0xfffffffe) throw new ZipFormatError('Archive too large for ZIP without ZIP64');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_SIG, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_SIG, 0);
    central.writeUInt16LE(VERSION, 4); // made by: MS-DOS attributes, spec 2.0
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(UTF8_FLAG, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_SIG, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Reads every entry back, checking signatures, sizes and CRCs against both headers. */
export function readZip(buf: Buffer): ReadZipEntry[] {
  let endAt = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === END_SIG) {
      endAt = i;
      break;
    }
  }
  if (endAt < 0) throw new ZipFormatError('No end of central directory record');
  const count = buf.readUInt16LE(endAt + 10);
  const dirSize = buf.readUInt32LE(endAt + 12);
  const dirOffset = buf.readUInt32LE(endAt + 16);
  if (dirOffset + dirSize > endAt) throw new ZipFormatError('Central directory outside the archive');

  const entries: ReadZipEntry[] = [];
  let pos = dirOffset;
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(pos) !== CENTRAL_SIG) throw new ZipFormatError(`Bad central directory entry ${n}`);
    const method = buf.readUInt16LE(pos + 10);
    const crc = buf.readUInt32LE(pos + 16);
    const compressed = buf.readUInt32LE(pos + 20);
    const size = buf.readUInt32LE(pos + 24);
    const nameLen = buf.readUInt16LE(pos + 28);
    const extraLen = buf.readUInt16LE(pos + 30);
    const commentLen = buf.readUInt16LE(pos + 32);
    const localAt = buf.readUInt32LE(pos + 42);
    const name = buf.toString('utf8', pos + 46, pos + 46 + nameLen);
    pos += 46 + nameLen + extraLen + commentLen;

    if (buf.readUInt32LE(localAt) !== LOCAL_SIG) throw new ZipFormatError(`Bad local header for ${name}`);
    const localNameLen = buf.readUInt16LE(localAt + 26);
    const localExtraLen = buf.readUInt16LE(localAt + 28);
    if (buf.toString('utf8', localAt + 30, localAt + 30 + localNameLen) !== name) {
      throw new ZipFormatError(`Local and central names differ for ${name}`);
    }
    if (buf.readUInt32LE(localAt + 14) !== crc || buf.readUInt32LE(localAt + 18) !== compressed || buf.readUInt32LE(localAt + 22) !== size) {
      throw new ZipFormatError(`Local and central headers differ for ${name}`);
    }
    const start = localAt + 30 + localNameLen + localExtraLen;
    const body = buf.subarray(start, start + compressed);
    if (body.length !== compressed) throw new ZipFormatError(`Truncated data for ${name}`);
    let data: Buffer;
    if (method === 0) data = Buffer.from(body);
    else if (method === 8) {
      try {
        data = inflateRawSync(body);
      } catch (e) {
        throw new ZipFormatError(`Damaged data for ${name}: ${(e as Error).message}`);
      }
    }
    else throw new ZipFormatError(`Unsupported compression method ${method} for ${name}`);
    if (data.length !== size) throw new ZipFormatError(`Wrong size for ${name}`);
    if (crc32(data) !== crc) throw new ZipFormatError(`CRC mismatch for ${name}`);
    entries.push({ name, data, method });
  }
  return entries;
}
