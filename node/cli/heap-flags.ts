/**
 * V8 flags a long-running node process starts with. V8 grows the young generation to 32 MiB per
 * semi-space under a node's steady allocation (decoded transactions, hex keys, frames), and the
 * resident size then climbs for many minutes while the live heap stays ~40 MiB. Capped at 4 MiB, a
 * 4-node devnet under bench:soak's load holds ~175 MiB per node and grows 5-9 % after the first minute
 * (medians over 6 min), against 200-300 MiB and 11-35 % uncapped. The flag takes effect only at
 * process start (`v8.setFlagsFromString` later leaves the new space as it is), so `proto devnet` passes
 * it to the nodes it spawns and the `proto` command's shebang passes it to itself.
 */
export const NODE_HEAP_FLAGS = ['--max-semi-space-size=4'];
