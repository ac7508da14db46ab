/** Judging a simulation run: safety (agreement, well-formed commits), liveness and a digest for replay. */
import { equalBytes, toHex } from '../../core/bytes.ts';
import { type Decision, isQuorum } from '../../core/consensus/index.ts';
import { isValidValue } from './host.ts';
import type { World } from './types.ts';

/** Why `decision` is not a valid commit for a set of `n` validators, or null when it is. */
export function commitFault(decision: Decision, n: number): string | null {
  const voters = new Set<number>();
  for (const v of decision.commit) {
    if (v.type !== 'precommit' || v.height !== decision.height || v.round !== decision.round)
      return 'wrong vote';
    if (v.value === null || !equalBytes(v.value, decision.value)) return 'vote for another value';
    if (v.validator < 0 || v.validator >= n || voters.has(v.validator)) return 'bad or repeated voter';
    voters.add(v.validator);
  }
  return isQuorum(voters.size, n) ? null : 'no quorum';
}

/**
 * Safety violations among honest nodes: two decisions at one height, a malformed commit, a decided or
 * voted-for block the host judged invalid.
 */
export function safetyFaults(world: World): string[] {
  const faults: string[] = [];
  const agreed = new Map<number, Uint8Array>();
  for (const node of world.nodes) {
    if (node.faulty) continue;
    if (node.refusedSigns > 0) faults.push(`node ${node.id} tried to sign below its last position`);
    if (node.signedInvalid > 0) faults.push(`node ${node.id} voted for an invalid block`);
    for (const [height, { decision }] of node.decisions) {
      const fault = commitFault(decision, world.config.validators);
      if (fault !== null) faults.push(`node ${node.id} height ${height}: ${fault}`);
      if (!isValidValue(decision.value))
        faults.push(`node ${node.id} height ${height}: decided an invalid block`);
      const first = agreed.get(height);
      if (first === undefined) agreed.set(height, decision.value);
      else if (!equalBytes(first, decision.value)) faults.push(`height ${height}: two decisions`);
    }
  }
  return faults;
}

/** Fewest heights decided by an honest node. */
export function minHeights(world: World): number {
  return Math.min(...world.nodes.filter((n) => !n.faulty).map((n) => n.decisions.size));
}

/** Everything observable about a run, for checking that a seed replays identically. */
export function digest(world: World): string {
  const parts = world.nodes.map((node) => {
    const decided = [...node.decisions.values()].map(
      ({ decision: d }) => `${d.height}:${d.round}:${toHex(d.value)}`,
    );
    return `${node.id}|${node.inputs}|${node.evidence}|${decided.join(',')}`;
  });
  return `${world.now}|${world.delivered}|${world.dropped}|${parts.join(';')}`;
}

/** Summary numbers of a run. */
export function stats(world: World) {
  const rounds = world.nodes.flatMap((n) => [...n.decisions.values()].map((d) => d.decision.round));
  return {
    time: world.now,
    delivered: world.delivered,
    dropped: world.dropped,
    inputs: world.nodes.reduce((sum, n) => sum + n.inputs, 0),
    evidence: world.nodes.reduce((sum, n) => sum + n.evidence, 0),
    maxDecisionRound: Math.max(0, ...rounds),
  };
}
