/**
 * Keeps the ordered validator list of every committed height in the store, for light clients
 * (`GET /v1/ledger/light/{height}`, `GET /v1/validators?height=h`). Each list is written just after
 * its block commits; the head's is written again at open, which covers a crash between the two.
 */

import type { StoreDb } from '../../core/store/queries.ts';
import {
  createValidatorListTables,
  loadValidatorList,
  saveValidatorList,
} from '../../core/store/validator-lists.ts';
import type { LedgerChain } from './chain.ts';

/** Writes the head's list now and every committed height's list from now on. */
export function keepValidatorLists(ledger: LedgerChain, db: StoreDb): void {
  createValidatorListTables(db);
  const hash = ledger.env.hash!;
  const head = ledger.state;
  if (head.height > 0 && !loadValidatorList(db, ledger.height))
    saveValidatorList(db, ledger.height, head.lastValidators, hash);
  ledger.onCommit((c) => saveValidatorList(db, c.height, c.state.lastValidators, hash));
}
