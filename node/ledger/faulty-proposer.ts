/**
 * TEST ONLY: invalid blocks a byzantine proposer could send, one per header or body rule, for the tests
 * that check every honest validator refuses them (node/ledger/byzantine.test.ts, and the multi-process
 * test/e2e/ledger-byzantine.slow.test.ts). A node proposes them only when started with the environment
 * variable PROTO_TEST_FAULTY_PROPOSER set to a comma-separated list of faults (`faultsFromEnv`,
 * `faultyBuild`), which nothing but those tests sets; it then logs a warning at start. Unset (the
 * default), a node never builds a faulty block.
 */
import { concatBytes, toHex } from '../../core/bytes.ts';
import { isProtoError, ProtoError } from '../../core/errors.ts';
import {
  type Block,
  blockHash,
  type Commit,
  commitHash,
  encodeCommit,
  encodeHeader,
  encodeTx,
  encodeTxs,
  type Header,
  type LedgerState,
  MAX_BLOCK_BYTES,
  readAccount,
  signTx,
  type Tx,
  TxType,
  txsHash,
} from '../../core/ledger/index.ts';
import { blake3Hash, type Hasher } from '../../core/token/hash.ts';
import type { KeyPair } from '../crypto/keys.ts';
import type { Candidate } from './candidates.ts';
import type { LedgerChain } from './chain.ts';

/** What each fault must be refused with: the error code, and for a header field `code/field`. */
export const REFUSAL = {
  'no-quorum': 'no-quorum',
  'bad-precommit-signature': 'bad-signature',
  'time-not-median': 'bad-header/time',
  'wrong-proposer': 'bad-header/proposer',
  'wrong-validators-hash': 'bad-header/validatorsHash',
  'wrong-next-validators-hash': 'bad-header/nextValidatorsHash',
  'wrong-state-root': 'bad-state-root',
  'checkpoint-backwards': 'checkpoint-not-descendant',
  oversized: 'bad-length',
  'duplicate-tx': 'bad-nonce',
} as const;
export type Fault = keyof typeof REFUSAL;
export const FAULTS = Object.keys(REFUSAL) as Fault[];

/** The faults named in PROTO_TEST_FAULTY_PROPOSER (test only), or none. Throws on an unknown name. */
export function faultsFromEnv(value: string | undefined): Fault[] {
  if (!value) return [];
  return value.split(',').map((name) => {
    if (!(name in REFUSAL))
      throw new ProtoError('bad-input', `PROTO_TEST_FAULTY_PROPOSER: unknown fault ${name}`, 'penalize');
    return name as Fault;
  });
}

/** A crafted block: its bytes and the value (block hash) it is proposed as. */
export interface Crafted {
  bytes: Uint8Array;
  value: Uint8Array;
}

/**
 * `good`, a valid block on `parent`, broken by `fault`. `tx` (a valid transaction on `parent`) is
 * duplicated when the block holds none. Throws `bad-input` when the fault cannot be made on this block:
 * a LastCommit fault on block 1 (its LastCommit is empty), a checkpoint to go back from while both are
 * at the root, a duplicate without a transaction.
 */
export function corrupt(fault: Fault, good: Block, parent: LedgerState, hash: Hasher, tx?: Tx): Crafted {
  const h: Header = { ...good.header };
  const flip = (b: Uint8Array) => b.map((x, i) => (i === 0 ? x ^ 1 : x));
  if (fault === 'no-quorum' || fault === 'bad-precommit-signature') {
    const lastCommit = brokenCommit(good.lastCommit, fault === 'no-quorum');
    return craft({ ...h, lastCommitHash: commitHash(lastCommit, hash) }, lastCommit, good.txs, hash);
  }
  if (fault === 'time-not-median') h.time += 1n;
  else if (fault === 'wrong-proposer') h.proposer = flip(h.proposer);
  else if (fault === 'wrong-validators-hash') h.validatorsHash = flip(h.validatorsHash);
  else if (fault === 'wrong-next-validators-hash') h.nextValidatorsHash = flip(h.nextValidatorsHash);
  else if (fault === 'wrong-state-root') h.stateRoot = flip(h.stateRoot);
  else if (fault === 'checkpoint-backwards') h.checkpoints = backwards(parent);
  else return craftTxs(fault, h, good, hash, tx);
  return craft(h, good.lastCommit, good.txs, hash);
}

function craftTxs(
  fault: 'oversized' | 'duplicate-tx',
  h: Header,
  good: Block,
  hash: Hasher,
  tx?: Tx,
): Crafted {
  const one = good.txs[0] ?? tx;
  if (!one) throw new ProtoError('bad-input', `${fault}: no transaction to repeat`, 'penalize');
  if (fault === 'duplicate-tx') {
    const txs = good.txs.length > 0 ? [...good.txs, one] : [one, one];
    return craft({ ...h, txsHash: txsHash(txs, hash) }, good.lastCommit, txs, hash);
  }
  const size = encodeTx(one).length + 2;
  const txs = Array.from({ length: Math.ceil(MAX_BLOCK_BYTES / size) + 1 }, () => one);
  return craft({ ...h, txsHash: txsHash(txs, hash) }, good.lastCommit, txs, hash);
}

/** A commit with one signature only (no quorum of four or more), or with its first signature broken. */
function brokenCommit(c: Commit, dropSigners: boolean): Commit {
  if (c.signatures.length === 0)
    throw new ProtoError('bad-input', 'block 1 has no LastCommit to break', 'penalize');
  if (dropSigners) return { ...c, signatures: c.signatures.slice(0, 1) };
  const [first, ...rest] = c.signatures;
  const signature = first!.signature.map((x, i) => (i === 0 ? x ^ 1 : x));
  return { ...c, signatures: [{ ...first!, signature }, ...rest] };
}

/** Checkpoints moved back to the genesis token from a subchain whose checkpoint has left it. */
function backwards(parent: LedgerState): Header['checkpoints'] {
  const root = parent.config.genesisToken;
  const c = parent.checkpoints;
  const moved = (b: Uint8Array) => b.some((x, i) => x !== root[i]);
  if (moved(c.validator)) return { ...c, validator: root };
  if (moved(c.proposal)) return { ...c, proposal: root };
  throw new ProtoError('bad-input', 'both checkpoints are at the genesis token', 'penalize');
}

/** The block's bytes (past MAX_BLOCK_BYTES when asked: encodeBlock refuses those) and its hash. */
function craft(header: Header, lastCommit: Commit, txs: Tx[], hash: Hasher): Crafted {
  const bytes = concatBytes(encodeHeader(header), encodeCommit(lastCommit), encodeTxs(txs));
  return { bytes, value: blockHash(header, hash) };
}

/**
 * TEST ONLY: a getValue() that proposes `honest`'s block broken by each of `faults` in turn, skipping
 * a fault this block cannot carry (then the honest block when none fits). For duplicate-tx on an
 * empty block it signs a transfer of its own validator key.
 */
export function faultyBuild(
  faults: Fault[],
  honest: (round: number) => Candidate,
  chain: LedgerChain,
  key: KeyPair | undefined,
  log: (line: string) => void,
): (round: number) => Candidate {
  let next = 0;
  return (round) => {
    const c = honest(round);
    const hash = chain.env.hash ?? blake3Hash;
    for (let tries = 0; tries < faults.length; tries++) {
      const fault = faults[next++ % faults.length]!;
      try {
        const bad = corrupt(fault, c.block, chain.state, hash, key && ownTransfer(chain, key));
        log(`ledger: TEST faulty proposer: ${fault} as ${toHex(bad.value).slice(0, 16)}`);
        const state = { ...c.applied!.state, blockHash: bad.value };
        return { ...c, bytes: bad.bytes, applied: { state, events: c.applied!.events } };
      } catch (e) {
        if (!isProtoError(e) || e.code !== 'bad-input') throw e;
      }
    }
    return c;
  };
}

/** A transfer of one coin from `key` to itself at its account's nonce. */
function ownTransfer(chain: LedgerChain, key: KeyPair): Tx {
  const s = chain.state;
  const { nonce } = readAccount(s, key.publicKey, chain.env.hash);
  const body = {
    type: TxType.transfer,
    from: key.publicKey,
    to: key.publicKey,
    amount: 1n,
    fee: s.minFee,
    nonce,
  };
  return signTx(s.config.chainId, body, key.secretKey);
}
