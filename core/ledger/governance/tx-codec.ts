import type { Reader, Writer } from '../../codec.ts';
import { decodeBlock } from '../../token/block.ts';
import { TxType } from '../codec/constants.ts';
import { readContent, writeContent } from './content-codec.ts';
import { Choice, type ProposalContent } from './types.ts';

/**
 * Governance transaction bodies (PROTOCOL.md §3.4, §3.5). Publish and vote carry the token block and
 * name their signer, so a token owned by someone else is told apart from a bad signature.
 */

/** Publish a proposal with a live proposal token, signed by the token's current owner `signer`. */
export interface PublishBody extends ProposalContent {
  type: typeof TxType.publish;
  /** The proposal token block's bytes (105 or 137). */
  token: Uint8Array;
  signer: Uint8Array;
}

/** A congress token's vote on its proposal, signed by the token's current owner `signer`. */
export interface VoteBody {
  type: typeof TxType.vote;
  token: Uint8Array;
  signer: Uint8Array;
  proposal: Uint8Array;
  choice: Choice;
}

/** A veto of an open upgrade proposal by the veto key or an active delegate `signer`. */
export interface VetoBody {
  type: typeof TxType.veto;
  signer: Uint8Array;
  proposal: Uint8Array;
}

/** The veto key gives (`vetoDelegate`) or takes back (`vetoRevoke`) veto power; `seq` is the veto state's. */
export interface DelegateBody {
  type: typeof TxType.vetoDelegate | typeof TxType.vetoRevoke;
  delegate: Uint8Array;
  seq: number;
}

export type GovTxBody = PublishBody | VoteBody | VetoBody | DelegateBody;

/** Writes a governance body (without its type byte). */
export function writeGovBody(w: Writer, tx: GovTxBody): void {
  if (tx.type === TxType.publish) {
    writeToken(w, tx.token).fixed(tx.signer);
    writeContent(w, tx);
  } else if (tx.type === TxType.vote) {
    writeToken(w, tx.token).fixed(tx.signer).fixed(tx.proposal).u8(tx.choice);
  } else if (tx.type === TxType.veto) {
    w.fixed(tx.signer).fixed(tx.proposal);
  } else {
    w.fixed(tx.delegate).u32(tx.seq);
  }
}

/** Reads the body of governance type `type` (4-8). */
export function readGovBody(r: Reader, type: number): GovTxBody {
  if (type === TxType.publish) {
    const token = readToken(r);
    const signer = r.fixed();
    return { type, token, signer, ...readContent(r) };
  }
  if (type === TxType.vote) {
    const [token, signer, proposal] = [readToken(r), r.fixed(), r.fixed()];
    const choice = r.u8();
    if (choice < Choice.yes || choice > Choice.abstain) throw r.fail(`vote choice ${choice}`);
    return { type, token, signer, proposal, choice: choice as Choice };
  }
  if (type === TxType.veto) return { type, signer: r.fixed(), proposal: r.fixed() };
  if (type === TxType.vetoDelegate || type === TxType.vetoRevoke) {
    return { type, delegate: r.fixed(), seq: r.u32() };
  }
  throw r.fail(`unknown transaction type ${type}`);
}

function writeToken(w: Writer, token: Uint8Array): Writer {
  decodeBlock(token);
  return w.u8(token.length).raw(token);
}

function readToken(r: Reader): Uint8Array {
  const token = r.fixed(r.u8());
  decodeBlock(token);
  return token;
}
