/**
 * Token-chain vector files (test/vectors/token/*.json). Every file holds a genesis (genesisToJson
 * form), `now` (decimal ns), optional congress roots and setup blocks (hex, all valid, in arrival
 * order), then either the expected state of every subchain or one invalid block and its error code.
 * The same file is input to the independent checker, test/checker/check_chain.py.
 */
import type { ProtoErrorCode } from '../../../core/errors.ts';
import type { GenesisJson } from '../../../core/token/params.ts';

/** A congress virtual root: id and target in hex, time in decimal ns, size = congress size Q. */
export interface CongressRootJson {
  id: string;
  time: string;
  target: string;
  size: number;
}

/** Best tip, its AW (minimal lowercase hex), its count and the canonical tokens in order. */
export interface SubchainSummary {
  tip: string;
  aw: string;
  count: number;
  canonical: string[];
}

interface VectorHead {
  name: string;
  genesis: GenesisJson;
  now: string;
  congressRoots?: CongressRootJson[];
  blocks: string[];
}

/** Keyed by subchain id: 'validator', 'proposal', 'congress:<root hex>'. */
export interface ValidVector extends VectorHead {
  expect: { subchains: Record<string, SubchainSummary> };
}

export interface InvalidVector extends VectorHead {
  invalid: { block: string; code: ProtoErrorCode };
}

export type TokenVector = ValidVector | InvalidVector;

/** The file's text: two-space JSON with a final newline, so regenerating gives identical bytes. */
export function vectorText(v: TokenVector): string {
  return `${JSON.stringify(v, null, 2)}\n`;
}

/** What check_chain.py prints for a valid input. */
export interface CheckerReport {
  validator: SubchainSummary;
  proposal: SubchainSummary;
  congress: Record<string, SubchainSummary>;
}

/** The checker's report keyed as the dag names subchains. */
export function bySubchainId(r: CheckerReport): Record<string, SubchainSummary> {
  const out: Record<string, SubchainSummary> = { validator: r.validator, proposal: r.proposal };
  for (const [root, s] of Object.entries(r.congress)) out[`congress:${root}`] = s;
  return out;
}
