/**
 * JSON views of governance transactions (binary CIDs as hex) and of the governance state the API
 * answers with (docs/api.md, Governance): CIDs in base32 (`bafy…`), titles as text, choices, kinds and
 * statuses by name, integers that may pass 2^53 as decimal strings. Shared by the node and by light
 * clients, which rebuild these views from proven state entries to check an answer.
 */
import { CID } from 'multiformats/cid';
import { toHex } from '../bytes.ts';
import {
  CHOICE_NAMES,
  type GovTxBody,
  KIND_NAMES,
  type ParamChange,
  type Proposal,
  paramName,
  passThreshold,
  STATUS_NAMES,
  TxType,
  type VetoState,
} from '../ledger/index.ts';

const title = (t: Uint8Array) => new TextDecoder().decode(t);

export function changesJson(changes: readonly ParamChange[]) {
  return changes.map((c) => ({ parameter: paramName(c.id) ?? String(c.id), value: c.value.toString() }));
}

export function govTxJson(tx: GovTxBody & { signature: Uint8Array }) {
  const signature = toHex(tx.signature);
  if (tx.type === TxType.publish) {
    return {
      type: 'publish',
      token: toHex(tx.token),
      signer: toHex(tx.signer),
      kind: KIND_NAMES[tx.kind],
      cid: toHex(tx.cid),
      title: title(tx.title),
      changes: changesJson(tx.changes),
      upgrade: tx.upgrade ? { name: tx.upgrade.name, height: tx.upgrade.height } : null,
      signature,
    };
  }
  if (tx.type === TxType.vote) {
    const { token, signer, proposal, choice } = tx;
    return {
      type: 'vote',
      token: toHex(token),
      signer: toHex(signer),
      proposal: toHex(proposal),
      choice: CHOICE_NAMES[choice],
      signature,
    };
  }
  if (tx.type === TxType.veto) {
    return { type: 'veto', signer: toHex(tx.signer), proposal: toHex(tx.proposal), signature };
  }
  const type = tx.type === TxType.vetoDelegate ? 'veto-delegate' : 'veto-revoke';
  return { type, delegate: toHex(tx.delegate), seq: tx.seq, signature };
}

/** The base32 text form of a binary CID (hex when it does not decode). */
export function cidText(cid: Uint8Array): string {
  try {
    return CID.decode(cid).toString();
  } catch {
    return toHex(cid);
  }
}

/** A proposal with its tally; the status is the ledger's. */
export function proposalJson(p: Proposal) {
  const count = (c: number) => p.votes.filter((v) => v.choice === c).length;
  return {
    id: toHex(p.id),
    seq: Number(p.seq),
    kind: KIND_NAMES[p.kind],
    cid: cidText(p.cid),
    title: title(p.title),
    changes: changesJson(p.changes),
    upgrade: p.upgrade ? { name: p.upgrade.name, height: p.upgrade.height } : null,
    status: STATUS_NAMES[p.status],
    token: toHex(p.token),
    publisher: toHex(p.publisher),
    publishedAt: p.height,
    votingStarts: p.t0.toString(),
    votingEnds: p.deadline.toString(),
    closedAt: p.closedAt === 0 ? null : p.closedAt,
    congressSize: p.size,
    congressRootTarget: p.rootTarget.toString(16).padStart(64, '0'),
    votes: p.votes.map((v) => ({ token: toHex(v.token), choice: CHOICE_NAMES[v.choice] })),
    tally: { yes: count(1), no: count(2), abstain: count(3), needed: passThreshold(p.size) },
    veto: p.veto ? { by: toHex(p.veto.by), height: p.veto.height } : null,
  };
}

/** The veto key and the delegates it named (GET /v1/veto, without the proof fields). */
export function vetoJson(veto: VetoState, vetoKey: Uint8Array) {
  const delegates = veto.delegates.map((d) => ({
    key: toHex(d.key),
    since: d.since,
    revokedAt: d.revokedAt === 0 ? null : d.revokedAt,
    active: d.revokedAt === 0,
  }));
  return { key: toHex(vetoKey), seq: veto.seq, delegates };
}
