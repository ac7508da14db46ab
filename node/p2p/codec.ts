/**
 * Peer-to-peer messages and their one binary encoding: a type byte, then the fields in order.
 * Decoding is strict: unknown types, counts out of bounds, wrong block lengths, non-canonical
 * subchain ids and trailing bytes are all errors (FrameError), so each message has one encoding.
 */
import { bigintToBytes, bytesToBigint, fromHex, toHex } from '../../core/bytes.ts';
import { BLOCK_LENGTH, MERGE_BLOCK_LENGTH } from '../../core/token/block.ts';
import { LEDGER_TYPES, type LedgerMessage, readLedger, writeLedger } from './ledger-codec.ts';
import { MAX_BATCH, MAX_GET_BLOCKS, MAX_LOCATOR, MAX_PEER_ADDRESSES, MAX_STATUS_TIPS } from './limits.ts';
import { FrameError, Reader, Writer } from './wire.ts';

export interface Tip {
  subchain: string;
  hash: Uint8Array;
  aw: bigint;
  count: number;
}

export type Message =
  | { type: 'hello'; version: number; chainId: Uint8Array; nodeId: Uint8Array; listenPort: number }
  | { type: 'status'; tips: Tip[] }
  | { type: 'block'; raw: Uint8Array }
  | { type: 'getTokens'; id: number; subchain: string; after: number; limit: number; locator: Uint8Array[] }
  | { type: 'tokens'; id: number; start: number; raws: Uint8Array[] }
  | { type: 'getBlocks'; id: number; hashes: Uint8Array[] }
  | { type: 'blocks'; id: number; raws: Uint8Array[] }
  | { type: 'getPeers' }
  | { type: 'peers'; addresses: string[] }
  | LedgerMessage;

const TYPES: string[] = [
  ...['hello', 'status', 'block', 'getTokens', 'tokens', 'getBlocks', 'blocks', 'getPeers', 'peers'],
  ...LEDGER_TYPES,
];
const SUBCHAIN_KIND: Record<string, number> = { validator: 1, proposal: 2 };
const ADDRESS = /^([0-9a-z.-]{1,63}):([1-9][0-9]{0,4})$/;

/** The frame for `m`. */
export function encodeMessage(m: Message): Uint8Array {
  const w = new Writer().u8(TYPES.indexOf(m.type) + 1);
  switch (m.type) {
    case 'hello':
      return w.u8(m.version).bytes(m.chainId).bytes(m.nodeId).u16(m.listenPort).finish();
    case 'status':
      w.u8(m.tips.length);
      for (const t of m.tips)
        writeSubchain(w, t.subchain).bytes(t.hash).bytes(bigintToBytes(t.aw, 32)).u32(t.count);
      return w.finish();
    case 'block':
      return w.bytes(m.raw).finish();
    case 'getTokens':
      writeSubchain(w.u32(m.id), m.subchain).u32(m.after).u16(m.limit).u8(m.locator.length);
      return hashes(w, m.locator);
    case 'tokens':
      return blocks(w.u32(m.id).u32(m.start), m.raws);
    case 'getBlocks':
      return hashes(w.u32(m.id).u8(m.hashes.length), m.hashes);
    case 'blocks':
      return blocks(w.u32(m.id), m.raws);
    case 'getPeers':
      return w.finish();
    case 'peers':
      w.u8(m.addresses.length);
      for (const a of m.addresses) {
        const [, host, port] = ADDRESS.exec(a)!;
        w.u8(host!.length).bytes(new TextEncoder().encode(host)).u16(Number(port));
      }
      return w.finish();
    default:
      return writeLedger(w, m).finish();
  }
}

function hashes(w: Writer, list: Uint8Array[]): Uint8Array {
  for (const h of list) w.bytes(h);
  return w.finish();
}

function blocks(w: Writer, raws: Uint8Array[]): Uint8Array {
  w.u16(raws.length);
  for (const raw of raws) w.u8(raw.length).bytes(raw);
  return w.finish();
}

function writeSubchain(w: Writer, id: string): Writer {
  const kind = SUBCHAIN_KIND[id];
  return kind ? w.u8(kind) : w.u8(3).bytes(fromHex(id.slice('congress:'.length), 32)!);
}

/** The message in `frame`; throws FrameError on any fault. */
export function decodeMessage(frame: Uint8Array): Message {
  const r = new Reader(frame);
  const type = TYPES[r.u8() - 1];
  const m = decodeBody(type, r);
  r.end();
  return m;
}

function decodeBody(type: string | undefined, r: Reader): Message {
  switch (type) {
    case 'hello':
      return { type, version: r.u8(), chainId: r.take(32), nodeId: r.take(32), listenPort: r.u16() };
    case 'status': {
      const n = r.count(1, 0, MAX_STATUS_TIPS, 'tips');
      const tips = repeat(n, () => ({
        subchain: readSubchain(r),
        hash: r.take(32),
        aw: bytesToBigint(r.take(32)),
        count: r.u32(),
      }));
      return { type, tips };
    }
    case 'block':
      return { type, raw: readRaw(r, r.bytes.length - 1) };
    case 'getTokens': {
      const [id, subchain, after] = [r.u32(), readSubchain(r), r.u32()];
      const limit = r.count(2, 1, MAX_BATCH, 'limit');
      const locator = repeat(r.count(1, 0, MAX_LOCATOR, 'locator'), () => r.take(32));
      return { type, id, subchain, after, limit, locator };
    }
    case 'tokens':
      return { type, id: r.u32(), start: r.u32(), raws: readBlocks(r) };
    case 'getBlocks':
      return { type, id: r.u32(), hashes: repeat(r.count(1, 1, MAX_GET_BLOCKS, 'hashes'), () => r.take(32)) };
    case 'blocks':
      return { type, id: r.u32(), raws: readBlocks(r) };
    case 'getPeers':
      return { type };
    case 'peers':
      return {
        type,
        addresses: repeat(r.count(1, 0, MAX_PEER_ADDRESSES, 'addresses'), () => readAddress(r)),
      };
    default:
      if (LEDGER_TYPES.includes(type as LedgerMessage['type']))
        return readLedger(type as LedgerMessage['type'], r);
      throw new FrameError('unknown message type');
  }
}

function repeat<T>(n: number, read: () => T): T[] {
  return Array.from({ length: n }, read);
}

function readRaw(r: Reader, length: number): Uint8Array {
  if (length !== BLOCK_LENGTH && length !== MERGE_BLOCK_LENGTH)
    throw new FrameError(`block of ${length} bytes`);
  return r.take(length);
}

function readBlocks(r: Reader): Uint8Array[] {
  return repeat(r.count(2, 0, MAX_BATCH, 'blocks'), () => readRaw(r, r.u8()));
}

function readSubchain(r: Reader): string {
  const kind = r.u8();
  if (kind === 1) return 'validator';
  if (kind === 2) return 'proposal';
  if (kind === 3) return `congress:${toHex(r.take(32))}`;
  throw new FrameError(`subchain kind ${kind}`);
}

function readAddress(r: Reader): string {
  const host = new TextDecoder().decode(r.take(r.count(1, 1, 63, 'host')));
  const address = `${host}:${r.u16()}`;
  if (!ADDRESS.test(address)) throw new FrameError(`bad address ${JSON.stringify(address)}`);
  return address;
}

/** True when `address` is a `host:port` this codec can carry. */
export function isAddress(address: string): boolean {
  return ADDRESS.test(address) && Number(address.split(':')[1]) <= 65535;
}
