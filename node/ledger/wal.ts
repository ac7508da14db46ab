/**
 * The consensus write-ahead log (CometBFT consensus/wal.go): an append-only file of records
 * `length u32 ‖ crc32 u32 ‖ payload`. The host appends each consensus input before any of its effects
 * leave the node, and fsyncs before its own signed messages leave, so replaying the log rebuilds the
 * exact consensus state after a crash. A torn tail (a record cut by a crash, or with a bad checksum)
 * is cut off at open: it was never followed by an effect, since effects come after the append.
 */
import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { probes, timed } from '../metrics/probes.ts';

/** Largest record payload; a longer length field can only be a torn or corrupt tail. */
export const MAX_WAL_RECORD = 2 << 20;
const HEADER = 8;

/** The records found at open, and how many bytes of torn tail were cut off. */
export interface WalContents {
  records: Uint8Array[];
  cut: number;
}

export class Wal {
  private readonly fd: number;
  private size: number;

  private constructor(fd: number, size: number) {
    this.fd = fd;
    this.size = size;
  }

  /** Opens (creating) the log at `path`, reads its records and cuts off a torn tail. */
  static open(path: string): { wal: Wal; contents: WalContents } {
    const fd = openSync(path, 'a+');
    const bytes = new Uint8Array(readFileSync(path));
    const { records, valid } = scan(bytes);
    if (valid < bytes.length) {
      ftruncateSync(fd, valid);
      fsyncSync(fd);
    }
    return { wal: new Wal(fd, valid), contents: { records, cut: bytes.length - valid } };
  }

  /** Appends one record; with `sync` it is on disk when this returns. */
  append(payload: Uint8Array, sync: boolean): void {
    if (payload.length > MAX_WAL_RECORD) throw new Error(`WAL record of ${payload.length} bytes`);
    const record = new Uint8Array(HEADER + payload.length);
    const view = new DataView(record.buffer);
    view.setUint32(0, payload.length);
    view.setUint32(4, crc32(payload));
    record.set(payload, HEADER);
    writeAll(this.fd, record);
    this.size += record.length;
    if (sync) timed(probes.fsync, () => fsyncSync(this.fd));
  }

  /** Forces every appended record to disk. */
  sync(): void {
    timed(probes.fsync, () => fsyncSync(this.fd));
  }

  /** Empties the log (once its height is committed to the store), durably. */
  reset(): void {
    ftruncateSync(this.fd, 0);
    fsyncSync(this.fd);
    this.size = 0;
  }

  /** Bytes in the log. */
  get bytes(): number {
    return this.size;
  }

  close(): void {
    closeSync(this.fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Whole, checksummed records from the start of `bytes`, and where the valid prefix ends. */
function scan(bytes: Uint8Array): { records: Uint8Array[]; valid: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: Uint8Array[] = [];
  let at = 0;
  while (at + HEADER <= bytes.length) {
    const length = view.getUint32(at);
    if (length > MAX_WAL_RECORD || at + HEADER + length > bytes.length) break;
    const payload = bytes.slice(at + HEADER, at + HEADER + length);
    if (crc32(payload) !== view.getUint32(at + 4)) break;
    records.push(payload);
    at += HEADER + length;
  }
  return { records, valid: at };
}
