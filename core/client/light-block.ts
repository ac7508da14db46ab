import { Reader, Writer } from '../codec.ts';
import {
  type Commit,
  encodeCommit,
  encodeHeader,
  type Header,
  QUEUE_MAX,
  readCommit,
  readHeader,
} from '../ledger/index.ts';

/**
 * What a light client needs to check one height (`GET /v1/ledger/light/{height}`): the header, the
 * commit that committed it (the precommits the serving node holds, at least a quorum), and the
 * ordered validator list of that height, to which the commit's indices refer.
 */
export interface LightBlock {
  header: Header;
  commit: Commit;
  validators: Uint8Array[];
}

/** `header ‖ commit ‖ count u8 (1..90) ‖ key 32 *`, each part in its own strict encoding. */
export function encodeLightBlock(b: LightBlock): Uint8Array {
  const w = new Writer().raw(encodeHeader(b.header)).raw(encodeCommit(b.commit)).u8(b.validators.length);
  for (const k of b.validators) w.fixed(k);
  return w.bytes();
}

/** Strict inverse of encodeLightBlock: no trailing bytes, 1 to 90 validators. */
export function decodeLightBlock(bytes: Uint8Array): LightBlock {
  const r = new Reader(bytes, 'light block');
  const header = readHeader(r);
  const commit = readCommit(r);
  const n = r.count(1, QUEUE_MAX);
  if (n === 0) throw r.fail('no validators');
  const validators = Array.from({ length: n }, () => r.fixed());
  r.end();
  return { header, commit, validators };
}
