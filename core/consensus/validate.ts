import { ProtoError } from '../errors.ts';
import { type Input, type Proposal, type Timeout, VALUE_LENGTH, type Value, type Vote } from './types.ts';

function fail(message: string): never {
  throw new ProtoError('bad-input', message, 'ignore');
}

function natural(x: number, what: string): void {
  if (!Number.isSafeInteger(x) || x < 0) fail(`${what} must be a non-negative safe integer`);
}

function value(v: Value): void {
  if (!(v instanceof Uint8Array) || v.length !== VALUE_LENGTH) fail(`value must be ${VALUE_LENGTH} bytes`);
}

function vote(v: Vote): void {
  natural(v.height, 'height');
  natural(v.round, 'round');
  natural(v.validator, 'validator');
  if (v.type !== 'prevote' && v.type !== 'precommit') fail('unknown vote type');
  if (v.value !== null) value(v.value);
}

function proposal(p: Proposal): void {
  natural(p.height, 'height');
  natural(p.round, 'round');
  value(p.value);
  if (!Number.isSafeInteger(p.validRound) || p.validRound < -1) fail('validRound must be >= -1');
}

/**
 * Structural checks of an input, throwing `bad-input`. Signatures and proposer identity are the
 * host's; the validator index is checked against the set by `step`, for the current height only.
 */
export function checkInput(input: Input): void {
  if (input.kind === 'start-height') startInput(input.height, input.validators, input.self);
  else if (input.kind === 'proposal') proposal(input.proposal);
  else if (input.kind === 'vote') vote(input.vote);
  else if (input.kind === 'timeout') timeout(input.timeout);
  else {
    natural(input.height, 'height');
    natural(input.round, 'round');
    value(input.value);
  }
}

function startInput(height: number, validators: number, self: number | null): void {
  natural(height, 'height');
  if (!Number.isSafeInteger(validators) || validators < 1) fail('validators must be >= 1');
  if (self !== null && !(Number.isSafeInteger(self) && self >= 0 && self < validators)) {
    fail('self must be an index of the validator set');
  }
}

function timeout(t: Timeout): void {
  natural(t.height, 'height');
  natural(t.round, 'round');
  if (t.kind !== 'propose' && t.kind !== 'prevote' && t.kind !== 'precommit') fail('unknown timeout kind');
}
