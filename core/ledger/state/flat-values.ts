import { byteKey } from '../../bytes.ts';

/** A state value to write, or remove when `value` is undefined. */
export interface StateWrite {
  stateKey: Uint8Array;
  value: Uint8Array | undefined;
}

/** Layers a state keeps: its own and those of its closest ancestors. */
export const FLAT_LAYERS = 4;
/** Values read at a state that its own layer remembers; reads past this walk the tree each time. */
export const FLAT_READS = 1 << 16;

/** A layer: state key id -> value at that state (null: absent). */
type Layer = Map<string, Uint8Array | null>;

/**
 * A cache of a state's values by state key, in front of its sparse Merkle tree (as geth's snapshot
 * layers): a state's own layer holds what its block wrote and what was read at that state, and a
 * read falls through to the layers of its closest ancestors (the block did not write the key, so
 * the value is the parent's). A read that finds nothing walks the tree at the state's own root, so
 * a layer is only ever a shortcut: dropping one changes no answer. A value at a root never changes,
 * so states that share an ancestor (candidate blocks of one height) share its layers safely.
 * PERF: a read of an account costs a few Map lookups instead of a BLAKE3 key hash and a walk of
 * ~log2(accounts) tree nodes, each a lookup through the store's overlays.
 * Memory: at most FLAT_LAYERS layers per state, each at most its block's writes + FLAT_READS reads.
 */
export class FlatValues {
  readonly #layers: readonly Layer[];

  constructor(layers: readonly Layer[] = [new Map()]) {
    this.#layers = layers;
  }

  /** The value of `stateKey` at this state; `walk` reads it from the tree when no layer has it. */
  get(stateKey: Uint8Array, walk: () => Uint8Array | undefined): Uint8Array | undefined {
    const id = byteKey(stateKey);
    for (const layer of this.#layers) {
      const v = layer.get(id);
      if (v !== undefined) return v ?? undefined;
    }
    const v = walk();
    const own = this.#layers[0]!;
    if (own.size < FLAT_READS) own.set(id, v ?? null);
    return v;
  }

  /** The values of the state that `writes` make of this one. */
  child(writes: readonly StateWrite[]): FlatValues {
    const own: Layer = new Map();
    for (const { stateKey, value } of writes) own.set(byteKey(stateKey), value ?? null);
    return new FlatValues([own, ...this.#layers.slice(0, FLAT_LAYERS - 1)]);
  }
}
