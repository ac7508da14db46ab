import type { Reader, Writer } from '../../codec.ts';
import { ProtoError } from '../../errors.ts';
import { CID_LENGTH } from './cid.ts';
import { isKnownParam } from './params.ts';
import { type ParamChange, type ProposalContent, ProposalKind, type UpgradePlan } from './types.ts';

/** Most changes one parameter proposal carries. */
export const MAX_CHANGES = 8;
/** Longest title kept (bytes); the encoding admits up to 255 so a long title fails with its own code. */
export const MAX_TITLE = 128;
/** An upgrade name: 1-32 bytes of [a-z0-9.-]. */
const UPGRADE_NAME = /^[a-z0-9][a-z0-9.-]{0,31}$/;

/**
 * `kind u8 ‖ cid 36 ‖ titleLength u8 ‖ title ‖` then for `parameter` `count u8 ‖ (id u8 ‖ value u128)*`
 * (ids strictly increasing) and for `upgrade` `nameLength u8 ‖ name ‖ height u64`.
 */
export function writeContent(w: Writer, c: ProposalContent): void {
  w.u8(c.kind).fixed(c.cid, CID_LENGTH).u8(c.title.length).raw(c.title);
  if (c.kind === ProposalKind.parameter) {
    w.u8(c.changes.length);
    for (const ch of c.changes) w.u8(ch.id).u128(ch.value);
  } else if (c.kind === ProposalKind.upgrade) {
    const name = new TextEncoder().encode(c.upgrade!.name);
    w.u8(name.length).raw(name).height(c.upgrade!.height);
  }
}

/** Strict inverse of writeContent. */
export function readContent(r: Reader): ProposalContent {
  const kind = r.u8();
  if (kind > ProposalKind.upgrade) throw r.fail(`unknown proposal kind ${kind}`);
  const cid = r.fixed(CID_LENGTH);
  const title = r.fixed(r.u8());
  const changes = kind === ProposalKind.parameter ? readChanges(r) : [];
  const upgrade = kind === ProposalKind.upgrade ? readUpgrade(r) : undefined;
  return { kind: kind as ProposalKind, cid, title, changes, upgrade };
}

function readChanges(r: Reader): ParamChange[] {
  const n = r.count(1, MAX_CHANGES);
  const out: ParamChange[] = [];
  for (let i = 0; i < n; i++) {
    const id = r.u8();
    if (!isKnownParam(id)) throw r.fail(`unknown parameter id ${id}`);
    if (i > 0 && id <= out[i - 1]!.id) throw r.fail('parameter ids must be strictly increasing');
    out.push({ id, value: r.u128() });
  }
  return out;
}

function readUpgrade(r: Reader): UpgradePlan {
  const bytes = r.fixed(r.u8());
  const name = new TextDecoder().decode(bytes);
  if (!UPGRADE_NAME.test(name)) throw r.fail('upgrade name must be 1-32 characters of [a-z0-9.-]');
  return { name, height: r.height() };
}

/** Throws `bad-input` unless `name` is a valid upgrade name. */
export function checkUpgradeName(name: string): void {
  if (!UPGRADE_NAME.test(name))
    throw new ProtoError('bad-input', 'upgrade name must be 1-32 characters of [a-z0-9.-]', 'penalize');
}
