import { equalBytes } from '../bytes.ts';
import { ProtoError } from '../errors.ts';
import { PROPOSAL, VALIDATOR } from '../token/dag.ts';
import type { TokenView } from './env.ts';
import type { LedgerEvent } from './events.ts';
import type { Checkpoints } from './header.ts';

/**
 * A header's token-chain checkpoints (PROTOCOL.md §3.3): each tip must be held by this node (else
 * `unknown-checkpoint`, retry later), belong to its subchain and equal or descend from the previous
 * header's tip. Congress subchains open only when a proposal is published (a later transaction), so
 * until then the congress list must be empty. Returns a `checkpoint` event per moved tip.
 */
export function checkCheckpoints(prev: Checkpoints, next: Checkpoints, tokens: TokenView): LedgerEvent[] {
  if (next.congress.length > 0) {
    throw new ProtoError('bad-header', 'congress checkpoints name no open proposal', 'penalize', {
      field: 'checkpoints',
    });
  }
  const events: LedgerEvent[] = [];
  for (const [subchain, from, to] of [
    [VALIDATOR, prev.validator, next.validator],
    [PROPOSAL, prev.proposal, next.proposal],
  ] as const) {
    if (equalBytes(from, to)) continue;
    checkDescends(tokens, subchain, from, to);
    events.push({ kind: 'checkpoint', subchain, tip: to });
  }
  return events;
}

function checkDescends(tokens: TokenView, subchain: string, from: Uint8Array, to: Uint8Array): void {
  const tip = tokens.info(to);
  if (!tip) throw new ProtoError('unknown-checkpoint', `${subchain} checkpoint is not held yet`, 'retry');
  const fromRoot = tokens.info(from)?.root === true;
  const descends = fromRoot || tokens.confirmationsAt(from, to) !== undefined;
  if (tip.subchain !== subchain || !descends) {
    throw new ProtoError(
      'checkpoint-not-descendant',
      `${subchain} checkpoint does not extend the previous one`,
    );
  }
}
