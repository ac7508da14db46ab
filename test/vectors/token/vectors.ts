import type { TokenVector } from './format.ts';
import { basicInvalidVectors } from './invalid-basic.ts';
import { ruleInvalidVectors } from './invalid-rules.ts';
import { validVectors } from './valid.ts';

/** Every token-chain vector, built from fixed seeds and keys: the same list on every run. */
export function buildVectors(): TokenVector[] {
  const all = [...validVectors(), ...basicInvalidVectors(), ...ruleInvalidVectors()];
  const names = new Set(all.map((v) => v.name));
  if (names.size !== all.length) throw new Error('vector names must be unique');
  return all;
}
