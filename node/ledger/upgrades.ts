/**
 * Passed upgrades (PROTOCOL.md §3.5, like Cosmos x/upgrade): from the block that records one, the node
 * warns on every block; when the next height is the activation height and this software does not
 * support the upgrade's name, the node halts cleanly before deciding that height, naming the upgrade.
 */
import type { LedgerState, Upgrade } from '../../core/ledger/index.ts';

/** Upgrade names this software implements. */
export const SUPPORTED_UPGRADES: readonly string[] = [];

/** The upgrade that halts a node at the height after `state`, if any. */
export function haltingUpgrade(state: LedgerState, supported: ReadonlySet<string>): Upgrade | undefined {
  return state.gov.upgrades.find(
    (u) => u.height <= state.height + 1 && !supported.has(u.name) && u.height > 0,
  );
}

/** What the node says about `upgrades` after block `height`: one line per upgrade still ahead. */
export function upgradeWarnings(state: LedgerState, supported: ReadonlySet<string>): string[] {
  return state.gov.upgrades
    .filter((u) => u.height > state.height)
    .map((u) =>
      supported.has(u.name)
        ? `upgrade ${u.name} activates at height ${u.height}: supported by this node`
        : `upgrade ${u.name} passed: this node halts at height ${u.height} unless it runs software that supports it`,
    );
}

/** The halt message for `u`. */
export const haltMessage = (u: Upgrade) =>
  `halted at height ${u.height}: upgrade "${u.name}" activates here and this software does not support it; run a version that does (or start with --supports-upgrade ${u.name})`;
