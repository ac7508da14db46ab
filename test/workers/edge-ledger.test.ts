/**
 * The edge's ledger archive in workerd: committed blocks are stored only after their commit verifies
 * against the validator list the edge tracks (more than two thirds, core/client rules); forged,
 * replayed and malformed offers are refused and leave nothing stored.
 */
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LedgerBlockJson, ledgerBlockJson } from '../../core/api/ledger.ts';
import { decodeLedgerRange, encodeLedgerRange } from '../../core/api/ledger-range.ts';
import { decodeLightBlock } from '../../core/client/light-block.ts';
import { DEFAULT_TRUST } from '../../core/client/options.ts';
import { checkLightBlock } from '../../core/client/verify-light.ts';
import { sign, verify } from '../../core/crypto/ed25519.ts';
import {
  blockHash,
  type Commit,
  decodeBlock,
  encodeBlock,
  encodeCommit,
  supplyAt,
  voteSignBytes,
} from '../../core/ledger/index.ts';
import { keyPair } from '../../core/ledger/transition/ledger.fixture.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { edgeStores } from '../../edge/stores/index.ts';
import { EDGE_VALIDATORS } from './fixtures.ts';
import { type CommittedChain, committedChain } from './ledger-chain.ts';

const N = 8;
let chain: CommittedChain;
const stores = () => edgeStores(env);
const get = (path: string) =>
  exports.default.fetch(`http://edge${path}`, { headers: { 'cache-control': 'no-cache' } });

/** `commit` with its signatures replaced by `signers` (index → secret) over the commit's own fields. */
function resign(commit: Commit, signers: [number, Uint8Array][]): Uint8Array {
  const chainId = chain.ledger.chainId;
  const signatures = signers.map(([validator, secret]) => {
    const timestamp = commit.signatures[0]!.timestamp;
    const msg = voteSignBytes(chainId, { type: 'precommit', ...commit, value: commit.blockHash, timestamp });
    return { validator, timestamp, signature: sign(msg, secret) };
  });
  return encodeCommit({ ...commit, signatures });
}

/** The secret of the validator at `index` of `list`. */
function secretAt(list: Uint8Array[], index: number): Uint8Array {
  const v = EDGE_VALIDATORS.find((p) => p.key.every((b, i) => b === list[index]![i]))!;
  return v.secret;
}

/** Offers `block`, expects it refused with `code`, and checks nothing moved. */
async function refused(block: { block: Uint8Array; commit: Uint8Array }, code: string, given?: Uint8Array[]) {
  const head = await stores().ledgerHead();
  const r = await stores().addLedgerBlock(block, given);
  expect(r).toMatchObject({ outcome: 'refused', code });
  expect(await stores().ledgerHead()).toBe(head);
  const res = await get(`/v1/ledger/blocks/${head + 1}`);
  expect(res.status).toBe(404);
  expect(res.headers.get('cache-control')).toBe('no-store');
}

beforeAll(() => {
  chain = committedChain(N + 1);
});

describe('ledger archive', () => {
  it('refuses forged commits for block 1 and stores nothing', async () => {
    const b1 = chain.blocks[0]!;
    const c1 = chain.commits[0]!;
    const list = chain.lists[0]!;
    const bad = structuredClone(c1);
    bad.signatures[1]!.signature[5]! ^= 1;
    await refused({ ...b1, commit: encodeCommit(bad) }, 'bad-signature');
    const two = { ...c1, signatures: c1.signatures.slice(0, 2) };
    await refused({ ...b1, commit: encodeCommit(two) }, 'no-quorum');
    const outsiders = [5, 6, 7, 8].map(keyPair);
    const byOutsiders = resign(
      c1,
      [0, 1, 2, 3].map((i) => [i, outsiders[i]!.secret]),
    );
    await refused({ ...b1, commit: byOutsiders }, 'bad-signature');
    await refused(
      b1,
      'bad-validators',
      outsiders.map((o) => o.key),
    );
    await refused(b1, 'bad-validators', [...list].reverse());
    const wrongHeight = { ...c1, height: 2 };
    await refused(
      {
        ...b1,
        commit: resign(
          wrongHeight,
          [0, 1, 2, 3].map((i) => [i, secretAt(list, i)]),
        ),
      },
      'bad-commit',
    );
  });

  it('refuses garbage and blocks above head + 1, storing nothing', async () => {
    const b1 = chain.blocks[0]!;
    await refused({ block: new Uint8Array([1, 2, 3]), commit: b1.commit }, 'bad-length');
    await refused({ block: b1.block, commit: new Uint8Array(40) }, 'bad-length');
    await refused({ block: b1.block.slice(0, -1), commit: b1.commit }, 'bad-length');
    expect(await stores().addLedgerBlock({ block: 'x', commit: 1 } as never)).toMatchObject({
      outcome: 'refused',
      code: 'bad-encoding',
    });
    expect(await stores().addLedgerBlock(chain.blocks[2]!)).toEqual({ outcome: 'ahead', head: 0 });
    expect(await stores().ledgerHead()).toBe(0);
  });

  it('accepts the real committed chain in order, with a commit of exactly three of four', async () => {
    const c1 = chain.commits[0]!;
    const three = { ...c1, signatures: c1.signatures.slice(1) };
    expect(await stores().addLedgerBlock({ ...chain.blocks[0]!, commit: encodeCommit(three) })).toEqual({
      outcome: 'added',
    });
    expect(await stores().addLedgerBlock(chain.blocks[0]!)).toEqual({ outcome: 'known' });
    // block 2 carrying the commit of block 1: a replay of another height
    await refused({ block: chain.blocks[1]!.block, commit: chain.blocks[0]!.commit }, 'bad-commit');
    for (const b of chain.blocks.slice(1, N))
      expect(await stores().addLedgerBlock(b)).toEqual({ outcome: 'added' });
    expect(await stores().ledgerHead()).toBe(N);
    const set = await stores().validatorSet();
    expect(set.height).toBe(N + 1);
    expect(set.validators).toEqual(chain.lists[N]);
    expect(set.head.hash).toEqual(blockHash(decodeBlock(chain.blocks[N - 1]!.block).header, blake3Hash));
    // another block at a verified height (a fork): refused, the verified one stays
    const other = decodeBlock(chain.blocks[3]!.block);
    other.header.round = 1;
    const fork = { block: encodeBlock(other), commit: chain.blocks[3]!.commit };
    expect(await stores().addLedgerBlock(fork)).toMatchObject({ outcome: 'refused', code: 'bad-header' });
    expect((await stores().ledgerBlocks(4, 1))[0]).toEqual(chain.blocks[3]);
  });

  it('serves verified blocks as the node does, by height, by range and as light blocks', async () => {
    const params = chain.ledger.params;
    const genesisSupply = params.balances.reduce((s, b) => s + b.amount, 0n);
    for (const h of [1, 5, N]) {
      const res = await get(`/v1/ledger/blocks/${h}`);
      expect(res.status).toBe(200);
      const raw = chain.blocks[h - 1]!.block;
      const block = decodeBlock(raw);
      const want = ledgerBlockJson(
        h,
        blockHash(block.header, blake3Hash),
        block,
        raw,
        h === 1
          ? { ...chain.commits[0]!, signatures: chain.commits[0]!.signatures.slice(1) }
          : chain.commits[h - 1]!,
        supplyAt(genesisSupply, h),
      );
      expect((await res.json()) as LedgerBlockJson).toEqual(want);
    }
    const range = decodeLedgerRange(
      new Uint8Array(await (await get('/v1/ledger/range?from=2&count=5')).arrayBuffer()),
    );
    expect(range).toEqual({ from: 2, blocks: chain.blocks.slice(1, 6) });
    expect(await stores().ledgerBlocks(N - 1, 10)).toEqual(chain.blocks.slice(N - 2, N));

    const light = decodeLightBlock(new Uint8Array(await (await get(`/v1/ledger/light/${N}`)).arrayBuffer()));
    const ctx = {
      verify: (s: Uint8Array, m: Uint8Array, k: Uint8Array) => verify(s, m, k),
      hash: blake3Hash,
      now: 0n,
      trust: DEFAULT_TRUST,
    };
    expect(checkLightBlock(chain.ledger.chainId, light, ctx).height).toBe(N);
    expect(light.validators).toEqual(chain.lists[N - 1]);

    const head = (await (await get('/v1/ledger/head')).json()) as { height: number; hash: string };
    expect(head.height).toBe(N);
    expect((await get(`/v1/ledger/blocks/${N + 1}`)).status).toBe(404);
    expect((await get('/v1/ledger/blocks/0')).status).toBe(400);
    expect((await get('/v1/ledger/range?from=1&count=1001')).status).toBe(400);
    expect((await get(`/v1/ledger/range?from=${N + 1}`)).status).toBe(404);
  });

  it('takes committed blocks posted as a binary range, verified like any other offer', async () => {
    const post = (body: Uint8Array) =>
      exports.default.fetch('http://edge/v1/ledger/range', { method: 'POST', body: body.slice() });
    const last = chain.blocks[N]!;
    const forged = structuredClone(chain.commits[N]!);
    forged.signatures[0]!.signature[0]! ^= 1;
    const bad = await post(
      encodeLedgerRange({ from: N + 1, blocks: [{ ...last, commit: encodeCommit(forged) }] }),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad-signature');
    expect((await post(new Uint8Array([0, 1, 2]))).status).toBe(400);
    expect(await stores().ledgerHead()).toBe(N);
    const ok = await post(encodeLedgerRange({ from: N - 1, blocks: chain.blocks.slice(N - 2) }));
    expect(await ok.json()).toEqual({ added: 1, known: 2, head: N + 1 });
    expect(ok.headers.get('access-control-allow-origin')).toBeNull();
  });
});
