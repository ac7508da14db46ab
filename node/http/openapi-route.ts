/**
 * `GET /v1/openapi.json` (the OpenAPI 3.1 document of exactly the routes this app mounts, from the
 * contracts in core/api/routes-doc.ts) and `GET /docs`, a self-contained reference page rendered
 * from it on the server (no script, no outside request).
 */
import type { Hono } from 'hono';
import { docsPage } from '../../core/api/docs-page.ts';
import { type OpenApi, openApiDocument } from '../../core/api/openapi.ts';
import { EXPLORER_CSP } from './explorer.ts';

export const OPENAPI_ROUTE = '/v1/openapi.json';
export const DOCS_ROUTE = '/docs';

/** Adds both routes to `app`; the document is built on first request, once every route is mounted. */
export function mountOpenApi(app: Hono, version: string): void {
  let built: OpenApi | undefined;
  const get = () => {
    built ??= openApiDocument(app.routes, { title: 'Proto node API', version });
    return built;
  };
  app.get(OPENAPI_ROUTE, (c) => c.json(get().document));
  app.get(DOCS_ROUTE, () => {
    const headers = { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': EXPLORER_CSP };
    return new Response(docsPage(get().document), { headers });
  });
}
