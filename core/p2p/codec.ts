/**
 * Peer-to-peer messages and their one binary encoding: a type byte, then the fields in order.
 * Decoding is strict: unknown types, counts out of bounds, wrong block lengths, non-canonical
 * subchain ids and trailing bytes are all errors (a ProtoError, `bad-encoding` or `bad-length`), so
 * each message has one encoding. Pure: the node and the edge speak the same frames.
 */
import { fromHex, toHex } from '../bytes.ts';
import { Reader, Writer } from '../codec.ts';
import { BLOCK_LENGTH, MERGE_BLOCK_LENGTH } from '../token/block.ts';
import { LEDGER_TYPES, type LedgerMessage, readLedger, writeLedger } from './ledger-codec.ts';
import { MAX_BATCH, MAX_GET_BLOCKS, MAX_LOCATOR, MAX_PEER_ADDRESSES, MAX_STATUS_TIPS } from './limits.ts';

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
      return w.u8(m.version).fixed(m.chainId).fixed(m.nodeId).u16(m.listenPort).bytes();
    case 'status':
      w.u8(m.tips.length);
      for (const t of m.tips) writeSubchain(w, t.subchain).fixed(t.hash).u256(t.aw).u32(t.count);
      return w.bytes();
    case 'block':
      return w.raw(m.raw).bytes();
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
      return w.bytes();
    case 'peers':
      w.u8(m.addresses.length);
      for (const a of m.addresses) {
        const [, host, port] = ADDRESS.exec(a)!;
        w.u8(host!.length).raw(new TextEncoder().encode(host)).u16(Number(port));
      }
      return w.bytes();
    default:
      return writeLedger(w, m).bytes();
  }
}

function hashes(w: Writer, list: Uint8Array[]): Uint8Array {
  for (const h of list) w.fixed(h);
  return w.bytes();
}

function blocks(w: Writer, raws: Uint8Array[]): Uint8Array {
  w.u16(raws.length);
  for (const raw of raws) w.u8(raw.length).raw(raw);
  return w.bytes();
}

function writeSubchain(w: Writer, id: string): Writer {
  const kind = SUBCHAIN_KIND[id];
  return kind ? w.u8(kind) : w.u8(3).fixed(fromHex(id.slice('congress:'.length), 32)!);
}

/** The message in `frame`; throws a ProtoError (action `penalize`) on any fault. */
export function decodeMessage(frame: Uint8Array): Message {
  const r = new Reader(frame, 'frame');
  const type = TYPES[r.u8() - 1];
  const m = decodeBody(type, r);
  r.end();
  return m;
}

function decodeBody(type: string | undefined, r: Reader): Message {
  switch (type) {
    case 'hello':
      return { type, version: r.u8(), chainId: r.fixed(), nodeId: r.fixed(), listenPort: r.u16() };
    case 'status': {
      const n = r.count(1, MAX_STATUS_TIPS, 0, 'tips');
      const tips = repeat(n, () => ({
        subchain: readSubchain(r),
        hash: r.fixed(),
        aw: r.u256(),
        count: r.u32(),
      }));
      return { type, tips };
    }
    case 'block':
      return { type, raw: readRaw(r, r.left) };
    case 'getTokens': {
      const [id, subchain, after] = [r.u32(), readSubchain(r), r.u32()];
      const limit = r.count(2, MAX_BATCH, 1, 'limit');
      const locator = repeat(r.count(1, MAX_LOCATOR, 0, 'locator'), () => r.fixed());
      return { type, id, subchain, after, limit, locator };
    }
    case 'tokens':
      return { type, id: r.u32(), start: r.u32(), raws: readBlocks(r) };
    case 'getBlocks':
      return { type, id: r.u32(), hashes: repeat(r.count(1, MAX_GET_BLOCKS, 1, 'hashes'), () => r.fixed()) };
    case 'blocks':
      return { type, id: r.u32(), raws: readBlocks(r) };
    case 'getPeers':
      return { type };
    case 'peers':
      return {
        type,
        addresses: repeat(r.count(1, MAX_PEER_ADDRESSES, 0, 'addresses'), () => readAddress(r)),
      };
    default:
      if (LEDGER_TYPES.includes(type as LedgerMessage['type']))
        return readLedger(type as LedgerMessage['type'], r);
      throw r.fail('unknown message type');
  }
}

function repeat<T>(n: number, read: () => T): T[] {
  return Array.from({ length: n }, read);
}

function readRaw(r: Reader, length: number): Uint8Array {
  if (length !== BLOCK_LENGTH && length !== MERGE_BLOCK_LENGTH) throw r.fail(`block of ${length} bytes`);
  return r.fixed(length);
}

function readBlocks(r: Reader): Uint8Array[] {
  return repeat(r.count(2, MAX_BATCH, 0, 'blocks'), () => readRaw(r, r.u8()));
}

function readSubchain(r: Reader): string {
  const kind = r.u8();
  if (kind === 1) return 'validator';
  if (kind === 2) return 'proposal';
  if (kind === 3) return `congress:${toHex(r.fixed())}`;
  throw r.fail(`subchain kind ${kind}`);
}

function readAddress(r: Reader): string {
  const host = new TextDecoder().decode(r.fixed(r.count(1, 63, 1, 'host')));
  const address = `${host}:${r.u16()}`;
  if (!ADDRESS.test(address)) throw r.fail(`bad address ${JSON.stringify(address)}`);
  return address;
}

/** True when `address` is a `host:port` this codec can carry. */
export function isAddress(address: string): boolean {
  return ADDRESS.test(address) && Number(address.split(':')[1]) <= 65535;
}
