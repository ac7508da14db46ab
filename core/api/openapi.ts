/**
 * The OpenAPI 3.1 document of a server, built from the routes it mounts and their contracts in
 * ROUTE_DOCS, so each server lists exactly what it serves.
 */
import { ROUTE_DOCS, type RouteDoc } from './routes-doc.ts';
import type { Schema } from './schema.ts';

/** A mounted route: method and hono path. */
export interface MountedRoute {
  method: string;
  path: string;
}

/** The document, and the mounted v1 routes that have no contract in ROUTE_DOCS. */
export interface OpenApi {
  document: Schema;
  undocumented: string[];
}

/** `/v1/tokens/:hash` → `/v1/tokens/{hash}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * The document over the `/v1/` routes in `mounted` (others, such as web pages, are not API routes).
 * A route missing from `docs` (default ROUTE_DOCS) is listed as undocumented and described only by
 * its path.
 */
export function openApiDocument(
  mounted: MountedRoute[],
  info: { title: string; version: string },
  docs: Record<string, RouteDoc> = ROUTE_DOCS,
): OpenApi {
  const paths: Record<string, Record<string, Schema>> = {};
  const undocumented: string[] = [];
  const seen = new Set<string>();
  for (const { method, path } of mounted) {
    const key = `${method} ${path}`;
    if (!path.startsWith('/v1/') || method === 'ALL' || seen.has(key)) continue;
    seen.add(key);
    const doc = docs[key];
    if (!doc) undocumented.push(key);
    const item = (paths[openApiPath(path)] ??= {});
    item[method.toLowerCase()] = doc
      ? operation(key, doc)
      : { summary: 'not described', responses: { default: { description: 'not described' } } };
  }
  return { document: { openapi: '3.1.0', info, paths }, undocumented };
}

function operation(key: string, doc: RouteDoc): Schema {
  const parameters = [
    ...Object.entries(doc.params ?? {}).map(([name, schema]) => ({
      name,
      in: 'path',
      required: true,
      schema,
    })),
    ...Object.entries(doc.query ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: false,
      schema,
    })),
  ];
  const responses = Object.fromEntries(
    Object.entries(doc.responses).map(([status, r]) => [
      status,
      r.schema
        ? { description: r.description, content: { 'application/json': { schema: r.schema } } }
        : { description: r.description },
    ]),
  );
  return {
    operationId: key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, ''),
    summary: doc.summary,
    tags: [doc.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(Object.entries(doc.body).map(([type, schema]) => [type, { schema }])),
          },
        }
      : {}),
    responses,
  };
}
