/**
 * JSON views of ledger objects for the HTTP API: integers that may pass 2^53 (amounts, times in ns)
 * as decimal strings, hashes, keys and bytes as lowercase hex.
 */
import { toHex } from '../../core/bytes.ts';
import type { Commit, Header, Member, Tx } from '../../core/ledger/index.ts';
import { TxType } from '../../core/ledger/index.ts';

export function headerJson(h: Header) {
  return {
    height: Number(h.height),
    round: h.round,
    time: h.time.toString(),
    lastBlockHash: toHex(h.lastBlockHash),
    lastCommitHash: toHex(h.lastCommitHash),
    validatorsHash: toHex(h.validatorsHash),
    nextValidatorsHash: toHex(h.nextValidatorsHash),
    stateRoot: toHex(h.stateRoot),
    txsHash: toHex(h.txsHash),
    proposer: toHex(h.proposer),
    checkpoints: {
      validator: toHex(h.checkpoints.validator),
      proposal: toHex(h.checkpoints.proposal),
      congress: h.checkpoints.congress.map((c) => ({ root: toHex(c.root), tip: toHex(c.tip) })),
    },
  };
}

export function commitJson(c: Commit) {
  return {
    height: Number(c.height),
    round: c.round,
    blockHash: toHex(c.blockHash),
    signatures: c.signatures.map((s) => ({
      validator: s.validator,
      timestamp: s.timestamp.toString(),
      signature: toHex(s.signature),
    })),
  };
}

export function txJson(tx: Tx) {
  const signature = toHex(tx.signature);
  if (tx.type === TxType.transfer) {
    const { from, to, amount, fee, nonce } = tx;
    return {
      type: 'transfer',
      from: toHex(from),
      to: toHex(to),
      amount: amount.toString(),
      fee: fee.toString(),
      nonce: nonce.toString(),
      signature,
    };
  }
  if (tx.type === TxType.tokenTransfer)
    return {
      type: 'token-transfer',
      token: toHex(tx.token),
      newOwner: toHex(tx.newOwner),
      seq: tx.seq,
      signature,
    };
  if (tx.type === TxType.evidence) {
    const part = (p: typeof tx.a) => ({
      blockHash: p.blockHash && toHex(p.blockHash),
      timestamp: p.timestamp.toString(),
      validRound: p.validRound,
      signature: toHex(p.signature),
    });
    return {
      type: 'evidence',
      reporter: toHex(tx.reporter),
      offender: toHex(tx.offender),
      kind: tx.kind,
      height: tx.height.toString(),
      round: tx.round,
      messages: [part(tx.a), part(tx.b)],
      signature,
    };
  }
  return { type: 'announce', consensusKey: toHex(tx.consensusKey), token: toHex(tx.token), signature };
}

export function memberJson(m: Member) {
  return {
    key: toHex(m.key),
    token: toHex(m.token),
    owner: toHex(m.owner),
    uses: m.uses,
    expiry: m.expiry.toString(),
    since: Number(m.since),
    until: m.until === 0n ? null : Number(m.until),
  };
}
