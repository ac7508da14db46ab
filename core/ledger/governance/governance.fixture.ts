import { easyParams, mine } from '../../../test/gen/chain.ts';
import { TokenType } from '../../token/block.ts';
import { congressId, PROPOSAL } from '../../token/dag.ts';
import { outcomeError } from '../../token/outcome.ts';
import { TxType } from '../codec/constants.ts';
import type { Tx } from '../codec/tx.ts';
import { keyPair, TestLedger } from '../transition/ledger.fixture.ts';
import type { PublishBody } from './tx-codec.ts';
import { type Choice, type ProposalContent, ProposalKind } from './types.ts';

export const S = 1_000_000_000n;
/** "now" for the DAG: nothing is from the future. */
export const FAR = 4_000_000_000n * S;
export const validators = [1, 2, 3, 4].map(keyPair);
export const miner = keyPair(21);
export const other = keyPair(22);
export const veto = keyPair(30);
export const delegate = keyPair(31);

/** A CIDv1 dag-pb sha2-256 with digest bytes `fill`. */
export function cid(fill = 1): Uint8Array {
  const c = new Uint8Array(36).fill(fill);
  c.set([1, 0x70, 0x12, 0x20]);
  return c;
}

export const text = (title = 'A text proposal'): ProposalContent => ({
  kind: ProposalKind.text,
  cid: cid(),
  title: new TextEncoder().encode(title),
  changes: [],
  upgrade: undefined,
});

/** A ledger of four genesis validators with the veto key of `veto`, and a devnet-like congress of `size`. */
export function govLedger(size = 5): TestLedger {
  const p = easyParams();
  p.validators = validators.map((v) => ({ key: v.key, uses: 1000 }));
  p.vetoKey = veto.key;
  p.congressSize = size;
  return new TestLedger(
    p,
    validators.map((v) => v.secret),
  );
}

/** Mines a token of `type` on `prev` (at `offset` seconds after genesis) and adds it to the DAG. */
export function token(
  t: TestLedger,
  prev: Uint8Array,
  type: number,
  offset: bigint,
  key = miner.key,
  other?: Uint8Array,
) {
  const m = mine(t.dag, {
    prev,
    type,
    time: t.params.genesisTime + offset * S,
    key,
    ...(other ? { other } : {}),
  });
  const o = t.dag.add(m.bytes, FAR);
  if (o.status !== 'added') throw outcomeError(o);
  return m;
}

/** `n` proposal tokens in a row on the proposal subchain's best tip; returns them oldest first. */
export function proposalTokens(t: TestLedger, n: number) {
  const out: ReturnType<typeof token>[] = [];
  const tip = t.dag.tip(PROPOSAL);
  let prev = tip.hash;
  const base = (tip.time - t.params.genesisTime) / S;
  for (let i = 0; i < n; i++) {
    out.push(token(t, prev, TokenType.proposal, base + BigInt(i + 1)));
    prev = out[i]!.hash;
  }
  return out;
}

export function publishTx(
  t: TestLedger,
  tokenBytes: Uint8Array,
  content: ProposalContent,
  signer = miner,
): Tx {
  const body: PublishBody = { type: TxType.publish, token: tokenBytes, signer: signer.key, ...content };
  return t.sign(body, signer.secret);
}

export function voteTx(
  t: TestLedger,
  tokenBytes: Uint8Array,
  proposal: Uint8Array,
  choice: Choice,
  signer = miner,
): Tx {
  return t.sign(
    { type: TxType.vote, token: tokenBytes, signer: signer.key, proposal, choice },
    signer.secret,
  );
}

export function vetoTx(t: TestLedger, proposal: Uint8Array, signer = veto): Tx {
  return t.sign({ type: TxType.veto, signer: signer.key, proposal }, signer.secret);
}

export const codes = (built: { dropped: { error: { code: string } }[] }) =>
  built.dropped.map((d) => d.error.code);

/**
 * Publishes `content` with a fresh confirmed proposal token and runs the next block, which names it.
 * Returns the proposal id.
 */
export function publish(t: TestLedger, content: ProposalContent): Uint8Array {
  const tokens = proposalTokens(t, 2);
  const checkpoints = { ...t.state.checkpoints, proposal: tokens[1]!.hash };
  const built = t.next({ txs: [publishTx(t, tokens[0]!.bytes, content)], checkpoints });
  if (built.dropped.length > 0) throw built.dropped[0]!.error;
  const named = t.next();
  const open = named.events.find((e) => e.kind === 'proposal-open');
  if (open?.kind !== 'proposal-open') throw new Error('no proposal-open event');
  return open.id;
}

/** `n` congress tokens in a row on the root of `id`; the next block checkpoints them. */
export function congress(t: TestLedger, id: Uint8Array, n: number, from = 1n) {
  const out: ReturnType<typeof token>[] = [];
  let prev = t.dag.tip(congressId(id)).hash;
  const base = (t.state.time - t.params.genesisTime) / S;
  for (let i = 0; i < n; i++) {
    out.push(token(t, prev, TokenType.congress, base + from + BigInt(i)));
    prev = out[i]!.hash;
  }
  return out;
}
