/**
 * A minimal WebAssembly binary writer: one exported memory, functions with i32/v128 locals and the few
 * scalar and SIMD opcodes the BLAKE3 kernel uses. Output is a pure function of the calls made, so the
 * same emitter always yields the same bytes.
 */

import { OP, SIMD } from './opcodes.ts';

export type ValType = 'i32' | 'v128';
const VALTYPE: Record<ValType, number> = { i32: 0x7f, v128: 0x7b };

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** The body of one function: its parameters, the locals it allocates and its instruction bytes. */
export class Code {
  readonly params: ValType[];
  readonly results: ValType[];
  readonly locals: ValType[] = [];
  readonly bytes: number[] = [];

  constructor(params: ValType[], results: ValType[]) {
    this.params = params;
    this.results = results;
  }

  /** A new local of `type`; returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  op(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }

  get(index: number): this {
    return this.op(0x20, ...uleb(index));
  }

  set(index: number): this {
    return this.op(0x21, ...uleb(index));
  }

  tee(index: number): this {
    return this.op(0x22, ...uleb(index));
  }

  i32(value: number): this {
    return this.op(0x41, ...sleb(value));
  }

  /** A memory access with natural alignment hint `align` (log2) at constant `offset`. */
  mem(opcode: number, align: number, offset: number): this {
    return this.op(opcode, align, ...uleb(offset));
  }

  simd(opcode: number, ...immediates: number[]): this {
    return this.op(0xfd, ...uleb(opcode), ...immediates);
  }

  /** The same 32-bit value in all four lanes, as a constant. */
  splatConst(value: number): this {
    const lane = [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];
    return this.simd(SIMD.v128Const, ...lane, ...lane, ...lane, ...lane);
  }

  /** Encoded body: local declarations (runs of one type), instructions, `end`. */
  encode(): number[] {
    const runs: [number, ValType][] = [];
    for (const type of this.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === type) last[0]++;
      else runs.push([1, type]);
    }
    const decls = runs.flatMap(([count, type]) => [...uleb(count), VALTYPE[type]]);
    const body = [...uleb(runs.length), ...decls, ...this.bytes, OP.end];
    return [...uleb(body.length), ...body];
  }
}

function section(id: number, entries: number[][]): number[] {
  const content = [...uleb(entries.length), ...entries.flat()];
  return [id, ...uleb(content.length), ...content];
}

function name(text: string): number[] {
  const bytes = Array.from(text, (ch) => ch.charCodeAt(0));
  return [...uleb(bytes.length), ...bytes];
}

/** Bytes placed in memory when the module is instantiated. */
export interface DataSegment {
  offset: number;
  bytes: number[];
}

/** A module of exported functions, one exported memory of `pages` 64 KiB pages and its initial data. */
export function encodeModule(
  functions: Record<string, Code>,
  pages: number,
  data: DataSegment[],
): Uint8Array {
  const codes = Object.values(functions);
  const signature = (c: Code) => [
    0x60,
    ...[c.params, c.results].flatMap((v) => [...uleb(v.length), ...v.map((t) => VALTYPE[t])]),
  ];
  const exports = Object.keys(functions).map((key, i) => [...name(key), 0x00, ...uleb(i)]);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, codes.map(signature)),
    ...section(
      3,
      codes.map((_, i) => uleb(i)),
    ),
    ...section(5, [[0x00, ...uleb(pages)]]),
    ...section(7, [...exports, [...name('memory'), 0x02, 0x00]]),
    ...section(
      10,
      codes.map((c) => c.encode()),
    ),
    ...section(
      11,
      data.map((d) => [0x00, 0x41, ...sleb(d.offset), OP.end, ...uleb(d.bytes.length), ...d.bytes]),
    ),
  ]);
}
