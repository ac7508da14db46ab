/**
 * Keeps the token DAG in step with the ledger (PROTOCOL.md §1.1, §3.3): checkpoints follow the
 * ledger's, a named proposal opens its congress subchain, a tallied one closes it. At start the open
 * proposals of the stored state reopen their subchains before blocks are executed again, so the
 * stored congress blocks replay onto their roots.
 */

import type { LedgerEvent, LedgerState } from '../../core/ledger/index.ts';
import { congressId, PROPOSAL, VALIDATOR } from '../../core/token/dag.ts';
import type { Chain } from '../chain.ts';

export interface TokenFollower {
  state(state: LedgerState): void;
  events(events: LedgerEvent[]): void;
}

export function tokenFollower(chain: Chain, log: (line: string) => void): TokenFollower {
  const dag = chain.dag;
  const set = (subchain: string, tip: Uint8Array) => {
    try {
      dag.setCheckpoint(subchain, tip);
    } catch (e) {
      log(`ledger: cannot set the ${subchain} checkpoint: ${(e as Error).message}`);
    }
  };
  const open = (o: { id: Uint8Array; t0: bigint; rootTarget: bigint; size: number }) => {
    try {
      chain.openCongress(o);
    } catch (e) {
      log(`ledger: cannot open the congress of ${congressId(o.id)}: ${(e as Error).message}`);
    }
  };
  return {
    state(s) {
      for (const o of s.gov.open) open(o);
      const { validator, proposal, congress } = s.checkpoints;
      if (!dag.info(validator)?.root) set(VALIDATOR, validator);
      if (!dag.info(proposal)?.root) set(PROPOSAL, proposal);
      for (const c of congress) if (!dag.info(c.tip)?.root) set(congressId(c.root), c.tip);
    },
    events(list) {
      for (const e of list) {
        if (e.kind === 'checkpoint') set(e.subchain, e.tip);
        else if (e.kind === 'proposal-open') open(e);
        else if (e.kind === 'proposal-close' && dag.subchains().includes(congressId(e.proposal))) {
          dag.closeSubchain(congressId(e.proposal));
          log(`ledger: proposal ${congressId(e.proposal).slice(9, 25)}… closed, status ${e.status}`);
        }
      }
    },
  };
}
