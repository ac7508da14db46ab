import type { TimeoutParams } from '../../consensus/params.ts';
import { ProtoError } from '../../errors.ts';
import { MAX_BLOCK_BYTES, MAX_CONGRESS_TIPS } from '../codec/constants.ts';
import type { GovParams, ParamChange } from './types.ts';

/**
 * Parameter ids of `parameter` proposals (PROTOCOL.md §2, §3.5). Governable: the ledger-side values
 * and the consensus timeouts (genesis `timeouts`; the host runs each height with the values in force).
 * Fixed in code: the 5 % issuance, the token uses and lifetime, the queue maximum, the quorum rule,
 * and the token-chain difficulty parameters (those change only through an `upgrade`). A proposal
 * naming a fixed parameter is refused at publish with `param-fixed`.
 */
export const PARAM_IDS = {
  minFee: 1,
  votingPeriod: 2,
  congressSize: 3,
  liveProposals: 4,
  blockBytes: 5,
  timeoutProposeBase: 6,
  timeoutProposeDelta: 7,
  timeoutPrevoteBase: 8,
  timeoutPrevoteDelta: 9,
  timeoutPrecommitBase: 10,
  timeoutPrecommitDelta: 11,
  issuance: 16,
  tokenUses: 17,
  tokenLifetime: 18,
  queueMax: 19,
  quorum: 20,
  validatorSpacing: 32,
  validatorHalfLife: 33,
  proposalSpacing: 34,
  proposalHalfLife: 35,
  congressSpacing: 36,
  congressHalfLife: 37,
  maxTarget: 38,
} as const;
export type ParamName = keyof typeof PARAM_IDS;

const S = 1_000_000_000n;
const MS = 1_000_000n;
/** Bounds of a consensus timeout's base: a round needs time for a message to cross the network, and a halted one must not wait for minutes. */
const TIMEOUT_BASE: [bigint, bigint] = [50n * MS, 120n * S];
/** Bounds of a timeout's growth per round: none, up to a minute. */
const TIMEOUT_DELTA: [bigint, bigint] = [0n, 60n * S];

/** Inclusive bounds of each governable parameter. */
const BOUNDS: Record<number, [bigint, bigint]> = {
  [PARAM_IDS.minFee]: [0n, (1n << 64n) - 1n],
  [PARAM_IDS.votingPeriod]: [10n * S, 366n * 86_400n * S],
  [PARAM_IDS.congressSize]: [1n, 1000n],
  [PARAM_IDS.liveProposals]: [1n, BigInt(MAX_CONGRESS_TIPS)],
  [PARAM_IDS.blockBytes]: [64n * 1024n, BigInt(MAX_BLOCK_BYTES)],
  [PARAM_IDS.timeoutProposeBase]: TIMEOUT_BASE,
  [PARAM_IDS.timeoutProposeDelta]: TIMEOUT_DELTA,
  [PARAM_IDS.timeoutPrevoteBase]: TIMEOUT_BASE,
  [PARAM_IDS.timeoutPrevoteDelta]: TIMEOUT_DELTA,
  [PARAM_IDS.timeoutPrecommitBase]: TIMEOUT_BASE,
  [PARAM_IDS.timeoutPrecommitDelta]: TIMEOUT_DELTA,
};

/** The consensus timeout field each timeout parameter sets. */
const TIMEOUT_FIELD: Record<number, keyof TimeoutParams> = {
  [PARAM_IDS.timeoutProposeBase]: 'proposeBase',
  [PARAM_IDS.timeoutProposeDelta]: 'proposeDelta',
  [PARAM_IDS.timeoutPrevoteBase]: 'prevoteBase',
  [PARAM_IDS.timeoutPrevoteDelta]: 'prevoteDelta',
  [PARAM_IDS.timeoutPrecommitBase]: 'precommitBase',
  [PARAM_IDS.timeoutPrecommitDelta]: 'precommitDelta',
};

const NAMES = new Map<number, ParamName>(
  Object.entries(PARAM_IDS).map(([name, id]) => [id, name as ParamName]),
);

/** True for an id the codec knows (governable or fixed). */
export const isKnownParam = (id: number): boolean => NAMES.has(id);
export const isGovernable = (id: number): boolean => BOUNDS[id] !== undefined;
/** The name of a known parameter id. */
export const paramName = (id: number): ParamName | undefined => NAMES.get(id);

/** The id of a parameter name, or undefined. */
export function paramId(name: string): number | undefined {
  return Object.hasOwn(PARAM_IDS, name) ? PARAM_IDS[name as ParamName] : undefined;
}

/** Throws `param-fixed` or `bad-param-value` unless every change names a governable parameter within its bounds. */
export function checkChanges(changes: readonly ParamChange[]): void {
  if (changes.length === 0)
    throw new ProtoError('bad-input', 'a parameter proposal changes at least one parameter', 'penalize');
  for (const c of changes) {
    const bounds = BOUNDS[c.id];
    if (!bounds) {
      throw new ProtoError(
        'param-fixed',
        `${paramName(c.id) ?? c.id} is fixed and changes only through an upgrade`,
        'penalize',
      );
    }
    if (c.value < bounds[0] || c.value > bounds[1]) {
      throw new ProtoError(
        'bad-param-value',
        `${paramName(c.id)} = ${c.value} is outside ${bounds[0]}..${bounds[1]}`,
        'penalize',
      );
    }
  }
}

/** `params` and `minFee` with `changes` applied (changes already checked). */
export function withChanges(
  params: GovParams,
  minFee: bigint,
  changes: readonly ParamChange[],
): { params: GovParams; minFee: bigint } {
  const next = { ...params };
  const timeouts: Record<keyof TimeoutParams, bigint> = { ...params.timeouts };
  let fee = minFee;
  for (const { id, value } of changes) {
    const field = TIMEOUT_FIELD[id];
    if (field) timeouts[field] = value;
    else if (id === PARAM_IDS.minFee) fee = value;
    else if (id === PARAM_IDS.votingPeriod) next.votingPeriod = value;
    else if (id === PARAM_IDS.congressSize) next.congressSize = Number(value);
    else if (id === PARAM_IDS.liveProposals) next.liveProposals = Number(value);
    else if (id === PARAM_IDS.blockBytes) next.blockBytes = Number(value);
  }
  return { params: { ...next, timeouts }, minFee: fee };
}
