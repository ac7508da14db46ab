/**
 * The soak's steady load: funded accounts each send one transfer at a time, to a fresh account while
 * there are fewer than `maxAccounts` (which then sends too) and to a known one after. A follower reads
 * every committed block from the first node and marks transfers committed by sender and nonce; an
 * account whose transfer was not committed within STALE_MS reads its nonce again and resends.
 */
import { toHex } from '../../../core/bytes.ts';
import { publicKeyOf, sign } from '../../../core/crypto/ed25519.ts';
import { encodeTx, type TxBody, TxType, txSignBytes } from '../../../core/ledger/index.ts';
import { call, getJson } from './http.ts';

const STALE_MS = 20_000;
const FEE = 10n;
/** Coins a fresh account receives: fees for every transfer it may send. */
const FUNDING = 1_000_000n;

interface Account {
  secret: Uint8Array;
  key: Uint8Array;
  hex: string;
  next: bigint;
  /** When its pending transfer was sent (ms), if one is pending. */
  sentAt: number | undefined;
  /** A genesis account: the only ones that fund fresh accounts. */
  rich: boolean;
}

interface BlockJson {
  txs: { type: string; from?: string; to?: string; nonce?: string }[];
}

export class TransferLoad {
  committed = 0;
  otherTxs = 0;
  sent = 0;
  readonly refused = new Map<string, number>();
  private readonly accounts: Account[] = [];
  private readonly byHex = new Map<string, Account>();
  private readonly funding = new Map<string, Account>();
  private turn = 0;
  private seed = 0;

  private readonly urls: string[];
  private readonly chainId: Uint8Array;
  private readonly maxAccounts: number;

  constructor(urls: string[], chainId: Uint8Array, funded: Uint8Array[], maxAccounts: number) {
    this.urls = urls;
    this.chainId = chainId;
    this.maxAccounts = maxAccounts;
    for (const secret of funded) this.adopt({ ...account(secret), rich: true });
  }

  get size(): number {
    return this.accounts.length;
  }

  /** Sends one transfer from every account that has none pending (and resends stale ones). */
  async send(): Promise<void> {
    const now = performance.now();
    const idle = this.accounts.filter((a) => a.sentAt === undefined || now - a.sentAt > STALE_MS);
    await Promise.all(idle.map((a) => this.sendFrom(a, now)));
  }

  /** Reads the committed blocks `from`..`to` from the first node and marks what they hold. */
  async follow(from: number, to: number): Promise<number> {
    let h = from;
    for (; h <= to; h++) {
      const block = await getJson<BlockJson>(`${this.urls[0]}/v1/ledger/blocks/${h}`);
      if (!block) break;
      for (const tx of block.txs) this.seen(tx);
    }
    return h - 1;
  }

  private seen(tx: BlockJson['txs'][number]): void {
    const from = tx.type === 'transfer' ? this.byHex.get(tx.from!) : undefined;
    if (!from) return void this.otherTxs++;
    this.committed++;
    const nonce = BigInt(tx.nonce!);
    if (nonce + 1n > from.next) from.next = nonce + 1n;
    from.sentAt = undefined;
    const fresh = this.funding.get(tx.to!);
    if (fresh) {
      this.funding.delete(tx.to!);
      this.adopt(fresh);
    }
  }

  private async sendFrom(a: Account, now: number): Promise<void> {
    if (a.sentAt !== undefined) await this.refreshNonce(a);
    const to = this.destination(a);
    const body: TxBody = {
      type: TxType.transfer,
      from: a.key,
      to: to.key,
      amount: this.funding.has(to.hex) ? FUNDING : 1n,
      fee: FEE,
      nonce: a.next,
    };
    const raw = encodeTx({ ...body, signature: sign(txSignBytes(this.chainId, body), a.secret) });
    const url = this.urls[this.turn++ % this.urls.length]!;
    try {
      const res = await call('POST', `${url}/v1/txs`, raw);
      if (res.status === 202) {
        this.sent++;
        a.sentAt = now;
        return;
      }
      this.funding.delete(to.hex);
      const code = (JSON.parse(res.body) as { error?: { code?: string } }).error?.code ?? `${res.status}`;
      this.refuse(code);
      if (code === 'bad-nonce') await this.refreshNonce(a);
    } catch (e) {
      this.funding.delete(to.hex);
      this.refuse((e as Error).message.split(':')[0]!);
    }
  }

  private destination(from: Account): Account {
    if (from.rich && this.accounts.length + this.funding.size < this.maxAccounts) {
      const fresh = account(seedBytes(++this.seed));
      this.funding.set(fresh.hex, fresh);
      return fresh;
    }
    const pick = this.accounts[(this.turn + this.accounts.indexOf(from) + 1) % this.accounts.length]!;
    return pick === from ? this.accounts[(this.accounts.indexOf(from) + 1) % this.accounts.length]! : pick;
  }

  private async refreshNonce(a: Account): Promise<void> {
    const acc = await getJson<{ nonce: string }>(`${this.urls[0]}/v1/accounts/${a.hex}`);
    if (acc) a.next = BigInt(acc.nonce);
    a.sentAt = undefined;
  }

  private refuse(code: string): void {
    this.refused.set(code, (this.refused.get(code) ?? 0) + 1);
  }

  private adopt(a: Account): void {
    this.accounts.push(a);
    this.byHex.set(a.hex, a);
  }
}

function account(secret: Uint8Array): Account {
  const key = publicKeyOf(secret);
  return { secret, key, hex: toHex(key), next: 0n, sentAt: undefined, rich: false };
}

function seedBytes(i: number): Uint8Array {
  const s = new Uint8Array(32).fill(0x5a);
  new DataView(s.buffer).setUint32(0, i);
  return s;
}
