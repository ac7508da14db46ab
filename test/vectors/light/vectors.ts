/**
 * Light-client vectors (docs/light-client.md, Vectors): light blocks with the hashes a client checks,
 * the vote bytes a commit signature covers, a txsHash preimage, state proofs of every entry kind, and
 * tampered inputs with the error code each must give. Everything is deterministic.
 */
import { toHex } from '../../../core/bytes.ts';
import { encodeLightBlock, type LightBlock } from '../../../core/client/light-block.ts';
import { LightChainFixture } from '../../../core/client/light-chain.fixture.ts';
import { entryBytes, type StateEntry } from '../../../core/client/state-proof.ts';
import {
  blockHash,
  encodeProof,
  encodeTxs,
  membershipHash,
  memoryBackend,
  Overlay,
  StateTree,
  signTx,
  TxType,
  txsHash,
  validatorsHash,
  voteSignBytes,
} from '../../../core/ledger/index.ts';
import { keyPair } from '../../../core/ledger/transition/ledger.fixture.ts';
import { blake3Hash } from '../../../core/token/hash.ts';

export const HEIGHTS = 6;

export function lightFixture(): LightChainFixture {
  return new LightChainFixture({ heights: HEIGHTS, n: 4, churnEvery: 2 });
}

function tampered(b: LightBlock, f: (b: LightBlock) => LightBlock): string {
  return toHex(encodeLightBlock(f(structuredClone(b))));
}

/** The vectors as plain JSON. */
export function buildLightVectors() {
  const f = lightFixture();
  const blocks = Array.from({ length: HEIGHTS - 1 }, (_, i) => {
    const b = f.lightBlockAt(i + 1);
    const s = b.commit.signatures[0]!;
    const vote = {
      type: 'precommit' as const,
      height: b.commit.height,
      round: b.commit.round,
      value: b.commit.blockHash,
      timestamp: s.timestamp,
    };
    return {
      height: i + 1,
      lightBlock: toHex(encodeLightBlock(b)),
      blockHash: toHex(blockHash(b.header, blake3Hash)),
      validatorsHash: toHex(validatorsHash(b.validators, blake3Hash)),
      membershipHash: toHex(membershipHash(b.validators, blake3Hash)),
      firstVoteSignBytes: toHex(voteSignBytes(f.chainId, vote)),
    };
  });
  const b2 = f.lightBlockAt(2);
  const bad = [
    {
      code: 'bad-signature',
      lightBlock: tampered(b2, (b) => {
        b.commit.signatures[0]!.signature[5]! ^= 1;
        return b;
      }),
    },
    {
      code: 'no-quorum',
      lightBlock: tampered(b2, (b) => {
        b.commit.signatures = b.commit.signatures.slice(0, 2);
        return b;
      }),
    },
    {
      code: 'bad-validators',
      lightBlock: tampered(b2, (b) => {
        b.validators.reverse();
        return b;
      }),
    },
    {
      code: 'bad-validators',
      lightBlock: tampered(b2, (b) => {
        b.validators.push(b.validators[0]!);
        return b;
      }),
    },
    {
      code: 'bad-commit',
      lightBlock: tampered(b2, (b) => {
        b.header.time += 1n;
        return b;
      }),
    },
    {
      code: 'wrong-chain',
      lightBlock: tampered(b2, (b) => {
        b.header.chainId = new Uint8Array(32);
        return b;
      }),
    },
  ];
  const alice = keyPair(1);
  const txs = [
    signTx(
      f.chainId,
      { type: TxType.transfer, from: alice.key, to: keyPair(2).key, amount: 5n, fee: 1n, nonce: 0n },
      alice.secret,
    ),
    signTx(
      f.chainId,
      { type: TxType.tokenTransfer, token: new Uint8Array(32).fill(7), newOwner: keyPair(3).key, seq: 0 },
      alice.secret,
    ),
  ];
  return {
    chainId: toHex(f.chainId),
    genesis: { time: f.genesisTime.toString(), validators: f.genesis().validators.map(toHex) },
    blocks,
    bad,
    txs: { encoded: toHex(encodeTxs(txs)), txsHash: toHex(txsHash(txs, blake3Hash)) },
    proofs: stateProofs(alice.key),
  };
}

function stateProofs(key: Uint8Array) {
  const member = {
    key,
    token: new Uint8Array(32).fill(1),
    owner: key,
    uses: 60,
    expiry: 86_400_000_000_000n,
    since: 1,
    until: 0,
  };
  const present: StateEntry[] = [
    { kind: 'account', key, value: { balance: 1000n, nonce: 2n } },
    {
      kind: 'token',
      key: new Uint8Array(32).fill(7),
      value: { owner: key, seq: 1, movedAt: 3, use: 'none' },
    },
    { kind: 'queue', value: [member] },
    { kind: 'pending', value: [] },
    {
      kind: 'chain',
      value: {
        height: 3,
        time: 9n,
        supply: 1000n,
        genesisSupply: 1000n,
        minFee: 1n,
        lastValidators: [key],
        checkpoints: { validator: new Uint8Array(32), proposal: new Uint8Array(32), congress: [] },
      },
    },
  ];
  present.push({
    kind: 'evidence',
    key: { offender: key, kind: 2, height: 2, round: 0 },
    value: { recordedAt: 3, reporter: key },
  });
  const absent: StateEntry = { kind: 'account', key: new Uint8Array(32).fill(9), value: undefined };
  const tree = new StateTree(new Overlay(memoryBackend()), undefined);
  const root = tree.write(present.map((e) => entryBytes(e) as { stateKey: Uint8Array; value: Uint8Array }));
  return {
    root: toHex(root),
    entries: [...present, absent].map((e) => {
      const { stateKey, value } = entryBytes(e);
      return {
        kind: e.kind,
        stateKey: toHex(stateKey),
        value: value ? toHex(value) : null,
        proof: toHex(encodeProof(tree.prove(stateKey))),
      };
    }),
  };
}
