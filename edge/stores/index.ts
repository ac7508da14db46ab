/**
 * Provisional shape of the edge's stores (the storage Durable Objects and their RPC facade); replaced by
 * the real module on merge. Only the types are used by the relay hub.
 */
import type { Tip } from '../../core/p2p/codec.ts';
import type { CommittedBlock } from '../../core/p2p/ledger-codec.ts';
import type { Env } from '../env.ts';

export type TokenAddResult =
  | { outcome: 'added' | 'known' }
  | { outcome: 'orphan'; missing: string }
  | { outcome: 'refused'; code: string; message: string };

export type LedgerAddResult =
  | { outcome: 'added' | 'known' }
  | { outcome: 'ahead'; head: number }
  | { outcome: 'refused'; code: string; message: string };

export interface ValidatorSet {
  height: number;
  keys: Uint8Array[];
}

export interface EdgeStores {
  addToken(raw: Uint8Array): Promise<TokenAddResult>;
  tips(): Promise<Tip[]>;
  tokenRange(subchain: string, after: number, limit: number): Promise<Uint8Array[]>;
  tokensByHash(hashes: Uint8Array[]): Promise<Uint8Array[]>;
  addLedgerBlock(block: CommittedBlock): Promise<LedgerAddResult>;
  ledgerHead(): Promise<number>;
  ledgerBlocks(from: number, count: number): Promise<CommittedBlock[]>;
  validatorSet(): Promise<ValidatorSet>;
}

export function edgeStores(_env: Env): EdgeStores {
  throw new Error('edge stores are not merged yet');
}
