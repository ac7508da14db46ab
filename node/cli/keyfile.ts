/** Key files: JSON `{ "publicKey": hex, "secretKey": hex }`, written with mode 0600. */
import { readFileSync, writeFileSync } from 'node:fs';
import { equalBytes, fromHex, toHex } from '../../core/bytes.ts';
import { publicKeyOf } from '../../core/crypto/ed25519.ts';
import { generateKeyPair, type KeyPair } from '../crypto/keys.ts';
import { UsageError } from './args.ts';

/** Writes a fresh key pair (or the one of the secret `seed`: tests) to `path`, refusing to overwrite one; returns it. */
export function newKeyFile(path: string, seed?: Uint8Array): KeyPair {
  const { secret, publicKey } = seed ? { secret: seed, publicKey: publicKeyOf(seed) } : generateKeyPair();
  const json = `${JSON.stringify({ publicKey: toHex(publicKey), secretKey: toHex(secret) }, null, 2)}\n`;
  try {
    writeFileSync(path, json, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UsageError(`${path} already exists: choose another file name`);
    throw e;
  }
  return { publicKey, secretKey: secret };
}

/** Reads and checks a key file: both keys 32 bytes of lowercase hex, and the public key matching the secret. */
export function readKeyFile(path: string): KeyPair {
  let json: { publicKey?: unknown; secretKey?: unknown };
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(
      `cannot read key file ${path} (${(e as Error).message}): create one with \`proto keys new ${path}\``,
    );
  }
  const publicKey = typeof json.publicKey === 'string' ? fromHex(json.publicKey, 32) : undefined;
  const secretKey = typeof json.secretKey === 'string' ? fromHex(json.secretKey, 32) : undefined;
  if (!publicKey || !secretKey)
    throw new UsageError(`${path} must hold publicKey and secretKey as 64 lowercase hex digits`);
  if (!equalBytes(publicKeyOf(secretKey), publicKey))
    throw new UsageError(`${path}: publicKey does not belong to secretKey`);
  return { publicKey, secretKey };
}
