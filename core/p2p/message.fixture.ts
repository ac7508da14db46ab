/**
 * fast-check arbitraries of every p2p message, for the codec's round-trip and strictness properties
 * under Node and inside workerd (test/workers/frames.test.ts).
 */
import fc from 'fast-check';
import { toHex } from '../bytes.ts';
import { signedProposal, signedVote } from '../ledger/codec/signed.fixture.ts';
import type { Message } from './codec.ts';
import type { LedgerMessage } from './ledger-codec.ts';
import { MAX_BATCH, MAX_LEDGER_BATCH } from './limits.ts';

const height = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const bytes = (max: number) => fc.uint8Array({ maxLength: max });

const hash = fc.uint8Array({ minLength: 32, maxLength: 32 });
const raw = fc.oneof(
  fc.uint8Array({ minLength: 105, maxLength: 105 }),
  fc.uint8Array({ minLength: 137, maxLength: 137 }),
);
const subchain = fc.oneof(
  fc.constantFrom('validator', 'proposal'),
  hash.map((h) => `congress:${toHex(h)}`),
);
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const address = fc
  .tuple(fc.stringMatching(/^[0-9a-z.-]{1,20}$/), fc.integer({ min: 1, max: 65535 }))
  .map(([h, p]) => `${h}:${p}`);

/** The token chain's messages (types 1-9). */
export const tokenMessage: fc.Arbitrary<Message> = fc.oneof(
  fc.record({
    type: fc.constant('hello'),
    version: fc.integer({ min: 0, max: 255 }),
    chainId: hash,
    nodeId: hash,
    listenPort: fc.integer({ min: 0, max: 65535 }),
  }),
  fc.record({
    type: fc.constant('status'),
    tips: fc.array(
      fc.record({ subchain, hash, aw: fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), count: u32 }),
      { maxLength: 4 },
    ),
  }),
  fc.record({ type: fc.constant('block'), raw }),
  fc.record({
    type: fc.constant('getTokens'),
    id: u32,
    subchain,
    after: u32,
    limit: fc.integer({ min: 1, max: MAX_BATCH }),
    locator: fc.array(hash, { maxLength: 4 }),
  }),
  fc.record({ type: fc.constant('tokens'), id: u32, start: u32, raws: fc.array(raw, { maxLength: 4 }) }),
  fc.record({
    type: fc.constant('getBlocks'),
    id: u32,
    hashes: fc.array(hash, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ type: fc.constant('blocks'), id: u32, raws: fc.array(raw, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('getPeers') }),
  fc.record({ type: fc.constant('peers'), addresses: fc.array(address, { maxLength: 4 }) }),
) as fc.Arbitrary<Message>;

/** The ledger's messages (types 10-15). */
export const ledgerMessage: fc.Arbitrary<LedgerMessage> = fc.oneof(
  fc.record({ type: fc.constant('ledgerStatus' as const), head: height }),
  fc.record({
    type: fc.constant('ledgerProposal' as const),
    proposal: signedProposal,
    block: bytes(400),
    pol: fc.array(signedVote, { maxLength: 3 }),
  }),
  fc.record({ type: fc.constant('ledgerVote' as const), vote: signedVote }),
  fc.record({
    type: fc.constant('getLedgerBlocks' as const),
    id: fc.nat(),
    from: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    count: fc.integer({ min: 1, max: MAX_LEDGER_BATCH }),
  }),
  fc.record({
    type: fc.constant('ledgerBlocks' as const),
    id: fc.nat(),
    blocks: fc.array(fc.record({ block: bytes(300), commit: bytes(200) }), { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant('ledgerTxs' as const),
    txs: fc.array(fc.uint8Array({ minLength: 1, maxLength: 200 }), { minLength: 1, maxLength: 3 }),
  }),
);

/** Any message. */
export const anyMessage: fc.Arbitrary<Message> = fc.oneof(tokenMessage, ledgerMessage);
