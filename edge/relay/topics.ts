/**
 * Topics a connection subscribes to (its hibernation tags): what the hub fans out to it. A node takes
 * all three; a light client may take fewer with `?topics=tokens,consensus`.
 */
export const TOPICS = ['tokens', 'consensus', 'txs'] as const;
export type Topic = (typeof TOPICS)[number];

/** The topics of a `topics` query value (absent: all); a string naming the fault when malformed. */
export function parseTopics(value: string | null): Topic[] | string {
  if (value === null) return [...TOPICS];
  const names = value.split(',');
  const unknown = names.find((n) => !(TOPICS as readonly string[]).includes(n));
  if (unknown !== undefined)
    return `unknown topic ${JSON.stringify(unknown.slice(0, 40))}; topics are ${TOPICS.join(', ')}`;
  if (new Set(names).size !== names.length) return 'a topic is named twice';
  return names as Topic[];
}
