import { byteKey } from '../../bytes.ts';
import { type BackendCache, backendCache, persisted, type ReadCache } from './read-cache.ts';
import { MemoryNodeStore, type NodeStore, type SmtNode } from './smt-store.ts';

/** Content-addressed state values (the preimages of the tree's value hashes). Append-only. */
export interface ValueStore {
  get(hash: Uint8Array): Uint8Array | undefined;
  put(hash: Uint8Array, value: Uint8Array): void;
}

/**
 * Where ledger state lives: tree nodes and values, both addressed by hash. The ledger only adds
 * entries, never deletes, so every state root ever computed stays readable; a backend must not
 * delete either while a state that needs the entries is in use (pruning is the host's business).
 */
export interface StateBackend {
  nodes: NodeStore;
  values: ValueStore;
}

/** An in-memory backend that keeps everything. */
export function memoryBackend(): StateBackend {
  const values = new Map<string, Uint8Array>();
  return {
    nodes: new MemoryNodeStore({ prune: false }),
    values: { get: (h) => values.get(byteKey(h)), put: (h, v) => void values.set(byteKey(h), v) },
  };
}

/** Overlays deeper than this are merged into one when a child is made. */
const MAX_DEPTH = 32;

/**
 * Writes of one block, layered on the writes of its ancestors and a backend, so that executing a
 * candidate block never touches the state it started from. `persist` copies the layers into the
 * backend (safe at any time: entries are content-addressed and never removed).
 * Backend entries read or persisted are kept in a bounded ReadCache shared along the lineage (a
 * backend read is a database query; the upper tree levels are read by every block), rotated every
 * ROTATE_PERSISTS persists.
 * PERF: a read walks at most MAX_DEPTH layers; hosts persist each committed block to stay at 1.
 */
export class Overlay implements StateBackend {
  readonly backend: StateBackend;
  readonly nodes: NodeStore;
  readonly values: ValueStore;
  private readonly nodeMap: Map<string, SmtNode>;
  private readonly valueMap: Map<string, Uint8Array>;
  private readonly parent: Overlay | undefined;
  private readonly depth: number;
  /** Backend entries read or persisted, shared by every overlay made from this one. */
  private readonly cache: BackendCache;

  constructor(backend: StateBackend, parent?: Overlay, cache?: BackendCache) {
    this.backend = backend;
    this.parent = parent;
    this.depth = parent ? parent.depth + 1 : 1;
    this.cache = parent?.cache ?? cache ?? backendCache();
    this.nodeMap = new Map();
    this.valueMap = new Map();
    this.nodes = {
      get: (h) => this.read(h, (o) => o.nodeMap, this.cache.nodes, this.backend.nodes),
      put: (h, n) => void this.nodeMap.set(byteKey(h), n),
    };
    this.values = {
      get: (h) => this.read(h, (o) => o.valueMap, this.cache.values, this.backend.values),
      put: (h, v) => void this.valueMap.set(byteKey(h), v),
    };
  }

  /** Entries held in the layers, not yet persisted (an entry put in two layers counts twice). */
  get layered(): number {
    let n = 0;
    for (let o: Overlay | undefined = this; o; o = o.parent) n += o.nodeMap.size + o.valueMap.size;
    return n;
  }

  /** A new empty layer on top of this one (merging the chain first when it is deep). */
  child(): Overlay {
    return new Overlay(this.backend, this.depth >= MAX_DEPTH ? this.merged() : this);
  }

  /** Copies every layer's entries into the backend; returns an empty layer on the backend alone. */
  persist(): Overlay {
    for (const layer of this.chain().reverse()) {
      for (const [id, node] of layer.nodeMap) {
        this.backend.nodes.put(hashOf(id), node);
        this.cache.nodes.set(id, node);
      }
      for (const [id, value] of layer.valueMap) {
        this.backend.values.put(hashOf(id), value);
        this.cache.values.set(id, value);
      }
    }
    persisted(this.cache);
    return new Overlay(this.backend, undefined, this.cache);
  }

  /**
   * Copies into the backend the layers' entries that the tree at `root` reaches, and returns an empty
   * layer on the backend alone. Nodes that later blocks of the lineage replaced stay out: persisting
   * every 16th block of a lineage writes each upper tree node once, not 16 times. Whatever the tree
   * reaches outside the layers came from the backend, which holds the whole subtree of each entry.
   */
  persistTree(root: Uint8Array): Overlay {
    const stack = [root];
    for (let h = stack.pop(); h; h = stack.pop()) {
      const id = byteKey(h);
      const node = this.find((o) => o.nodeMap, id);
      if (!node) continue;
      this.backend.nodes.put(h, node);
      this.cache.nodes.set(id, node);
      if (!node.leaf) {
        stack.push(node.a, node.b);
        continue;
      }
      const valueId = byteKey(node.b);
      const value = this.find((o) => o.valueMap, valueId);
      if (value === undefined) continue;
      this.backend.values.put(node.b, value);
      this.cache.values.set(valueId, value);
    }
    persisted(this.cache);
    return new Overlay(this.backend, undefined, this.cache);
  }

  /** An entry from the layers, else the cache, else the backend (then cached). */
  private read<V>(
    h: Uint8Array,
    map: (o: Overlay) => Map<string, V>,
    cache: ReadCache<V>,
    backend: { get(h: Uint8Array): V | undefined },
  ): V | undefined {
    const id = byteKey(h);
    const v = this.find(map, id) ?? cache.get(id);
    if (v !== undefined) return v;
    const stored = backend.get(h);
    if (stored !== undefined) cache.set(id, stored);
    return stored;
  }

  private find<V>(map: (o: Overlay) => Map<string, V>, id: string): V | undefined {
    for (let o: Overlay | undefined = this; o; o = o.parent) {
      const v = map(o).get(id);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  private chain(): Overlay[] {
    const out: Overlay[] = [];
    for (let o: Overlay | undefined = this; o; o = o.parent) out.push(o);
    return out;
  }

  /** One layer holding this chain's entries. */
  private merged(): Overlay {
    const one = new Overlay(this.backend, undefined, this.cache);
    for (const layer of this.chain().reverse()) {
      for (const [id, node] of layer.nodeMap) one.nodeMap.set(id, node);
      for (const [id, value] of layer.valueMap) one.valueMap.set(id, value);
    }
    return one;
  }
}

function hashOf(id: string): Uint8Array {
  const out = new Uint8Array(id.length);
  for (let i = 0; i < id.length; i++) out[i] = id.charCodeAt(i);
  return out;
}
