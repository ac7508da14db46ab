/** JSON views of governance transactions (binary CIDs as hex; GET /v1/proposals/{id} shows the base32 text). */
import { toHex } from '../bytes.ts';
import {
  CHOICE_NAMES,
  type GovTxBody,
  KIND_NAMES,
  type ParamChange,
  paramName,
  TxType,
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
      upgrade: tx.upgrade ? { name: tx.upgrade.name, height: Number(tx.upgrade.height) } : null,
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
