/** What `run` throws, or undefined when it returns: for asserting on an error's fields. */
export function catching(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
}
