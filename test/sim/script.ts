/**
 * Scripting one consensus node by hand: inputs named as in the paper, outputs summarised as short
 * strings ("prevote r0 A", "timeout propose r1 1250ms") so step tests read as tables.
 */
import { toHex } from '../../core/bytes.ts';
import type { ConsensusState, Input, Output, Step, Value, VoteType } from '../../core/consensus/index.ts';

const NAMES: Record<number, string> = { 161: 'A', 178: 'B', 195: 'C' };

/** A 32-byte value filled with `byte`. */
export function value(byte: number): Value {
  return new Uint8Array(32).fill(byte);
}

export const A = value(0xa1);
export const B = value(0xb2);
export const C = value(0xc3);

/** 'A', 'B', 'C', 'nil' or the hex of another value. */
export function nameOf(v: Value | null): string {
  if (v === null) return 'nil';
  return NAMES[v[0]!] ?? toHex(v);
}

export function start(self: number | null, validators = 4, height = 1): Input {
  return { kind: 'start-height', height, validators, self };
}

export function proposal(round: number, v: Value, validRound = -1, valid = true, height = 1): Input {
  return { kind: 'proposal', proposal: { height, round, value: v, validRound }, valid };
}

function vote(type: VoteType, round: number, v: Value | null, validator: number, height: number): Input {
  return { kind: 'vote', vote: { type, height, round, value: v, validator } };
}

export function prevote(round: number, v: Value | null, validator: number, height = 1): Input {
  return vote('prevote', round, v, validator, height);
}

export function precommit(round: number, v: Value | null, validator: number, height = 1): Input {
  return vote('precommit', round, v, validator, height);
}

export function timeout(kind: Step, round: number, height = 1): Input {
  return { kind: 'timeout', timeout: { kind, height, round } };
}

export function proposeValue(round: number, v: Value, height = 1): Input {
  return { kind: 'propose-value', height, round, value: v };
}

function signed(prev: Output | undefined, step: Step, height: number, round: number): void {
  const p = prev?.kind === 'sign' ? prev.position : undefined;
  if (p === undefined || p.step !== step || p.height !== height || p.round !== round) {
    throw new Error(`broadcast of ${step} h${height} r${round} without its sign output`);
  }
}

/** One string per output; throws if a broadcast does not directly follow its matching `sign`. */
export function summarize(outputs: readonly Output[]): string[] {
  const lines: string[] = [];
  outputs.forEach((o, i) => {
    const prev = outputs[i - 1];
    if (o.kind === 'propose-request') lines.push(`request r${o.round}`);
    else if (o.kind === 'broadcast-proposal') {
      const p = o.proposal;
      signed(prev, 'propose', p.height, p.round);
      lines.push(`propose r${p.round} ${nameOf(p.value)} vr${p.validRound}`);
    } else if (o.kind === 'broadcast-vote') {
      const v = o.vote;
      signed(prev, v.type, v.height, v.round);
      lines.push(`${v.type} r${v.round} ${nameOf(v.value)}`);
    } else if (o.kind === 'schedule-timeout') {
      const t = o.timeout;
      lines.push(`timeout ${t.kind} r${t.round} ${o.durationNs / 1_000_000n}ms`);
    } else if (o.kind === 'decide') {
      const d = o.decision;
      const by = d.commit.map((v) => v.validator).join(',');
      lines.push(`decide r${d.round} ${nameOf(d.value)} by ${by}`);
    } else if (o.kind === 'evidence') {
      const { first, second } = o;
      lines.push(
        `evidence ${first.validator} ${first.type} r${first.round} ${nameOf(first.value)}/${nameOf(second.value)}`,
      );
    }
  });
  return lines;
}

/** The paper's variables of a state, with values named. */
export function variables(s: ConsensusState) {
  return {
    height: s.height,
    round: s.round,
    step: s.step,
    locked: nameOf(s.lockedValue),
    lockedRound: s.lockedRound,
    valid: nameOf(s.validValue),
    validRound: s.validRound,
    decided: s.decision === null ? 'none' : nameOf(s.decision.value),
  };
}
