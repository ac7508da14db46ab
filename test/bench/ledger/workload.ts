/**
 * The ledger bench's workload: `accounts` funded genesis accounts and one validator, and `count`
 * transfers where transfer i is sent by account i mod accounts with nonce floor(i / accounts), to the
 * next account. So any run of at most `accounts` consecutive transfers has distinct senders, each at
 * its committed nonce: exactly what `checkTx` admits on the last committed state.
 */
import { publicKeyOf } from '../../../core/crypto/ed25519.ts';
import { type TransferBody, TxType } from '../../../core/ledger/index.ts';
import type { NetworkParams } from '../../../core/token/params.ts';
import { easyParams } from '../../gen/chain.ts';

/** Coins each account holds at genesis: enough for any run of the bench. */
export const BALANCE = 10n ** 24n;
/** Uses of the genesis validators: more blocks than any run makes. */
const VALIDATOR_USES = 1_000_000;

/** A deterministic 32-byte secret seed from a small label and index. */
export function seed(label: number, i: number): Uint8Array {
  const s = new Uint8Array(32).fill(label);
  new DataView(s.buffer).setUint32(0, i);
  return s;
}

/** Key pairs of the senders. */
export interface Keys {
  secrets: Uint8Array[];
  keys: Uint8Array[];
}

/** `n` key pairs with label `label`. */
export function makeKeys(label: number, n: number): Keys {
  const secrets = Array.from({ length: n }, (_, i) => seed(label, i));
  return { secrets, keys: secrets.map(publicKeyOf) };
}

/**
 * Devnet parameters with the given validators and every sender funded; a live network passes its
 * genesis time (now) and block interval (ns).
 */
export function benchParams(
  validators: Uint8Array[],
  senders: Uint8Array[],
  live?: { genesisTime: bigint; blockInterval: bigint },
): NetworkParams {
  const p = easyParams(live?.genesisTime);
  if (live) p.blockInterval = live.blockInterval;
  p.validators = validators.map((key) => ({ key, uses: VALIDATOR_USES }));
  p.balances = senders.map((key) => ({ key, amount: BALANCE }));
  return p;
}

/** Transfer `i` of the workload (unsigned). */
export function transferBody(keys: readonly Uint8Array[], i: number): TransferBody {
  const n = keys.length;
  return {
    type: TxType.transfer,
    from: keys[i % n]!,
    to: keys[(i + 1) % n]!,
    amount: 1000n + BigInt(i % 97),
    fee: 1n,
    nonce: BigInt(Math.floor(i / n)),
  };
}
