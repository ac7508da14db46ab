/**
 * The double-sign guard, outside the consensus core (CometBFT privval/file.go CheckHRS). The last
 * signed (height, round, step), the value, the timestamp and the signature are written to a file and
 * fsynced BEFORE the signature is returned, so no crash can make the validator sign twice. Asked again
 * for the same position and value (a retry, or the replay after a crash) it returns the stored
 * signature; for another value at that position, or any lower position, it refuses.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { equalBytes } from '../../core/bytes.ts';
import {
  canSign,
  type Proposal,
  type SignPosition,
  type Vote,
  valueKey,
} from '../../core/consensus/index.ts';
import {
  plainProposal,
  plainVote,
  type SignedProposal,
  type SignedVote,
  signProposal,
  signVote,
} from '../../core/ledger/index.ts';
import { nodeSign } from '../crypto/ed25519-native.ts';
import { encodeLastSign, type LastSign, readLastSign } from './privval-file.ts';

export interface ValidatorKey {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

export class PrivValidator {
  private readonly path: string;
  private readonly key: ValidatorKey;
  private readonly chainId: Uint8Array;
  private lastSign: LastSign | null;

  private constructor(path: string, key: ValidatorKey, chainId: Uint8Array, last: LastSign | null) {
    this.path = path;
    this.key = key;
    this.chainId = chainId;
    this.lastSign = last;
  }

  /**
   * Opens the guard file at `path` (absent: never signed). Throws when the file is corrupt or belongs
   * to another key: a validator must not sign without knowing what it signed before.
   */
  static open(path: string, key: ValidatorKey, chainId: Uint8Array): PrivValidator {
    const last = readLastSign(path);
    if (last && !equalBytes(last.publicKey, key.publicKey))
      throw new Error(`${path} records signatures of another key: remove it only if this key never signed`);
    return new PrivValidator(path, key, chainId, last);
  }

  get publicKey(): Uint8Array {
    return this.key.publicKey;
  }

  /** The last position signed, or null. */
  get last(): SignPosition | null {
    return this.lastSign?.position ?? null;
  }

  /** `v` signed at `timestamp`, the stored signature on a retry, or null when it would double-sign. */
  signVote(v: Vote, timestamp: bigint): SignedVote | null {
    const position = { height: v.height, round: v.round, step: v.type };
    const verdict = this.judge(position, valueKey(v.value));
    if (verdict === 'refuse') return null;
    if (verdict === 'resend') {
      const { timestamp: t, signature } = this.lastSign!;
      return { ...plainVote(v), timestamp: t, signature };
    }
    const signed = signVote(this.chainId, v, timestamp, this.key.secretKey, nodeSign);
    this.persist({ position, value: valueKey(v.value), timestamp, signature: signed.signature });
    return signed;
  }

  /** `p` signed, the stored signature on a retry, or null when it would double-sign. */
  signProposal(p: Proposal): SignedProposal | null {
    const position = { height: p.height, round: p.round, step: 'propose' } as const;
    const verdict = this.judge(position, `${valueKey(p.value)}/${p.validRound}`);
    if (verdict === 'refuse') return null;
    if (verdict === 'resend') return { ...plainProposal(p), signature: this.lastSign!.signature };
    const signed = signProposal(this.chainId, p, this.key.secretKey, nodeSign);
    const value = `${valueKey(p.value)}/${p.validRound}`;
    this.persist({ position, value, timestamp: 0n, signature: signed.signature });
    return signed;
  }

  private judge(position: SignPosition, value: string): 'sign' | 'resend' | 'refuse' {
    const last = this.lastSign;
    if (last && samePosition(last.position, position)) return last.value === value ? 'resend' : 'refuse';
    return canSign(last?.position ?? null, position) ? 'sign' : 'refuse';
  }

  /** Writes the record to a temporary file, fsyncs it, renames it over the guard file, fsyncs the directory. */
  private persist(sign: Omit<LastSign, 'publicKey'>): void {
    const record: LastSign = { ...sign, publicKey: this.key.publicKey };
    const bytes = encodeLastSign(record);
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeFileSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    const dir = openSync(dirname(this.path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    this.lastSign = record;
  }
}

function samePosition(a: SignPosition, b: SignPosition): boolean {
  return a.height === b.height && a.round === b.round && a.step === b.step;
}
