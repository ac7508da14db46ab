/**
 * V8 flags a long-running node process starts with. The flags take effect only at process start
 * (`v8.setFlagsFromString` later leaves the heap as it is), so `proto devnet` passes them to the nodes
 * it spawns and the `proto` command's shebang passes them to itself.
 *
 * `--max-semi-space-size=4`: V8 grows the young generation to 32 MiB per semi-space under a node's
 * steady allocation (decoded transactions, hex keys, frames); capped at 4 MiB a bench:soak node holds
 * ~160 MiB instead of 200-300 MiB.
 *
 * `--heap-growing-percent=20`: after each full collection V8 lets the old generation grow to its live
 * size times a factor it picks from its own speed, up to 2x on a busy machine. A node's live heap is
 * ~27 MiB, so the old generation swung between 27 and 50-66 MiB, and since V8 keeps pages it has used
 * the resident size followed the highest swing: bench:soak nodes grew 5-20 % after the first minute
 * over 10 min, more when the load rose. At 1.2x the old generation peaks near 35 MiB and the soak's
 * nodes grow under 2 % (5 min, 36 transfers/s). Cost: more frequent full collections of a small heap,
 * mostly concurrent (bench:ledger Part 1 in docs/node.md "Memory").
 */
export const NODE_HEAP_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=20'];
