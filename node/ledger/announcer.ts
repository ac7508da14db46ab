/**
 * Automatic announcement (`--announce auto`): a node that mines validator tokens and holds a validator
 * key keeps that key in the validator queue by itself. After each commit, when the key holds no place
 * that can still validate (no live member with uses left and an unexpired token, nothing pending), it
 * announces the newest of its own validator tokens that the committed checkpoint confirms enough.
 * A spent member does not block its key (docs/ledger.md §8), so a lone validator renews itself
 * without a gap, and a member of a larger queue rejoins two heights after it drains.
 */
import { equalBytes, toHex } from '../../core/bytes.ts';
import type { Height } from '../../core/height.ts';
import {
  encodeTx,
  type LedgerState,
  type Member,
  readToken,
  signTx,
  TOKEN_LIFETIME,
  TxType,
} from '../../core/ledger/index.ts';
import { decodeBlock } from '../../core/token/block.ts';
import { type TokenDag, VALIDATOR } from '../../core/token/dag.ts';
import type { KeyPair } from '../crypto/keys.ts';

/** How far back the canonical validator subchain is searched for an own token. */
const SEARCH_DEPTH = 256;
/** Heights to wait for a submitted announcement before trying another token. */
const PATIENCE = 8;

export interface AnnouncerParts {
  dag: TokenDag;
  /** Raw bytes of a stored token. */
  raw(hash: Uint8Array): Uint8Array | undefined;
  chainId: Uint8Array;
  /** The tokens' owner (the miner's key): signs the announcement. */
  owner: KeyPair;
  /** The consensus key to keep in the queue. */
  consensusKey: Uint8Array;
  /** Offers a transaction to the mempool (and gossip); an error message when refused. */
  submit(raw: Uint8Array): string | undefined;
  log(line: string): void;
}

export class Announcer {
  private readonly p: AnnouncerParts;
  private waiting: { token: Uint8Array; until: Height } | undefined;
  private lastError = '';

  constructor(parts: AnnouncerParts) {
    this.p = parts;
  }

  /** Called with the committed state after every block. */
  onCommit(state: LedgerState): void {
    if (
      this.waiting &&
      state.height < this.waiting.until &&
      readToken(state, this.waiting.token)?.use !== 'announced'
    )
      return;
    this.waiting = undefined;
    if (!needsPlace(state, this.p.consensusKey)) return;
    const token = this.pick(state);
    if (!token) {
      this.once('no own validator token is confirmed at the ledger checkpoint yet');
      return;
    }
    const tx = signTx(
      this.p.chainId,
      { type: TxType.announce, consensusKey: this.p.consensusKey, token: token.raw },
      this.p.owner.secretKey,
    );
    const error = this.p.submit(encodeTx(tx));
    if (error) {
      this.once(`announcement refused: ${error}`);
      return;
    }
    this.waiting = { token: token.hash, until: state.height + PATIENCE };
    this.lastError = '';
    this.p.log(
      `ledger: announced validator token ${toHex(token.hash).slice(0, 16)} for key ` +
        `${toHex(this.p.consensusKey).slice(0, 16)} at height ${state.height}`,
    );
  }

  /** The newest canonical own token confirmed at the checkpoint, unexpired and never announced. */
  private pick(state: LedgerState): { hash: Uint8Array; raw: Uint8Array } | undefined {
    const { dag } = this.p;
    const count = dag.tip(VALIDATOR).count;
    const from = Math.max(0, count - SEARCH_DEPTH);
    const hashes = dag.canonical(VALIDATOR, from, SEARCH_DEPTH).reverse();
    const needed = state.config.validatorConfirmations;
    for (const hash of hashes) {
      const confirmations = dag.confirmationsAt(hash, state.checkpoints.validator);
      if (confirmations === undefined || confirmations < needed) continue;
      const raw = this.p.raw(hash);
      if (!raw || !this.usable(state, hash, raw)) continue;
      return { hash, raw };
    }
    return undefined;
  }

  private usable(state: LedgerState, hash: Uint8Array, raw: Uint8Array): boolean {
    const block = decodeBlock(raw);
    const entry = readToken(state, hash);
    const owner = entry?.owner ?? block.key;
    // One block interval of margin: the announcement lands in a later block.
    const expiry = block.time + TOKEN_LIFETIME - state.config.blockInterval;
    return (
      (entry?.use ?? 'none') === 'none' && equalBytes(owner, this.p.owner.publicKey) && expiry > state.time
    );
  }

  private once(message: string): void {
    if (message === this.lastError) return;
    this.lastError = message;
    this.p.log(`ledger: auto-announce waits: ${message}`);
  }
}

/** True when `key` has no queue place that can still validate and nothing pending. */
export function needsPlace(state: LedgerState, key: Uint8Array): boolean {
  const mine = (m: Member) => equalBytes(m.key, key);
  const usable = (m: Member) => m.until === 0 && m.uses > 0 && m.expiry > state.time;
  return !state.queue.some((m) => mine(m) && usable(m)) && !state.pending.some(mine);
}
