/**
 * The CIDv1 of a proposal's content (PROTOCOL.md §3.5), computed with ipfs-unixfs-importer under a
 * pinned configuration (docs/protocol.md, "Proposal CIDs"): the IPIP-499 `unixfs-v1-2025` profile
 * (CIDv1, raw leaves, 1 MiB chunks, 1024 links per node, block-bytes sharding), no mtime or mode.
 * A directory: every regular file under it, recursively (hidden files too), by path relative to the
 * directory, wrapped in one directory node; empty directories add nothing; a symbolic link is an
 * error. A single file: its own CID (raw when it fits in one chunk).
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { importer } from 'ipfs-unixfs-importer';
import { UsageError } from './args.ts';

/** The importer options every proposal CID is computed with. */
export const CID_IMPORTER_OPTIONS = { profile: 'unixfs-v1-2025', cidVersion: 1, rawLeaves: true } as const;

/** Only the root CID matters: blocks are not kept. */
const discard = { put: (cid: unknown) => cid } as unknown as Parameters<typeof importer>[1];

/** The binary CIDv1 (36 bytes) of the file or directory at `path`. */
export async function contentCid(path: string): Promise<Uint8Array> {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) throw new UsageError(`${path} is a symbolic link`);
  const single = stat.isFile();
  const files = single ? [{ content: readFileSync(path) }] : listFiles(path);
  if (files.length === 0) throw new UsageError(`${path} holds no files`);
  let root: { cid: { bytes: Uint8Array } } | undefined;
  for await (const entry of importer(files, discard, {
    ...CID_IMPORTER_OPTIONS,
    wrapWithDirectory: !single,
  })) {
    root = entry;
  }
  return root!.cid.bytes;
}

function listFiles(dir: string): { path: string; content: Uint8Array }[] {
  const out: { path: string; content: Uint8Array }[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const full = join(at, name);
      const stat = lstatSync(full);
      if (stat.isSymbolicLink())
        throw new UsageError(`${full} is a symbolic link: proposal content holds files only`);
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile())
        out.push({ path: relative(dir, full).split(sep).join('/'), content: readFileSync(full) });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
