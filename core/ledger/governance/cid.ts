import { ProtoError } from '../../errors.ts';

/** Length of a binary CIDv1 with a sha2-256 multihash: version, codec, hash code, digest length, digest. */
export const CID_LENGTH = 36;
const DAG_PB = 0x70;
const RAW = 0x55;
const SHA2_256 = 0x12;

/**
 * Throws `bad-cid` unless `cid` is a binary CIDv1 (`0x01 ‖ codec ‖ 0x12 ‖ 0x20 ‖ digest 32`) whose
 * codec is dag-pb (a directory or a chunked file) or raw (a one-chunk file) and whose hash is sha2-256.
 */
export function checkCid(cid: Uint8Array): void {
  if (cid.length !== CID_LENGTH)
    throw new ProtoError('bad-cid', `CID of ${cid.length} bytes, expected 36`, 'penalize');
  if (cid[0] !== 1) throw new ProtoError('bad-cid', `CID version ${cid[0]}, expected 1`, 'penalize');
  if (cid[1] !== DAG_PB && cid[1] !== RAW) {
    throw new ProtoError(
      'bad-cid',
      `CID codec 0x${cid[1]!.toString(16)}, expected dag-pb (0x70) or raw (0x55)`,
      'penalize',
    );
  }
  if (cid[2] !== SHA2_256 || cid[3] !== 32)
    throw new ProtoError('bad-cid', 'CID hash is not sha2-256 of 32 bytes', 'penalize');
}
