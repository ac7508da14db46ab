/**
 * The `GET /docs` page of a server: a self-contained API reference rendered from its OpenAPI document
 * (no script, no outside request), shared by the node and the edge.
 */

const OPENAPI_ROUTE = '/v1/openapi.json';

type Doc = { paths: Record<string, Record<string, Operation>> };
interface Operation {
  summary: string;
  parameters?: { name: string; in: string; schema: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

/** The reference page: one section per operation, schemas as indented JSON. */
export function docsPage(document: unknown): string {
  const doc = document as Doc;
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => section(method, path, op)),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Proto API reference</title><link rel="stylesheet" href="/explorer/style.css"></head>
<body><header><a class="brand" href="/">Proto</a><nav><a href="/">Explorer</a><a href="${OPENAPI_ROUTE}">openapi.json</a></nav></header>
<main><h1>API reference</h1>
<p>Hashes, keys and bytes are lowercase hex; integers that may pass 2<sup>53</sup> are decimal strings.
Every error is <code>{"error": {"code", "message"}}</code>.</p>
<ul>${ops.map((o) => `<li><a href="#${o.id}">${o.title}</a></li>`).join('')}</ul>
${ops.map((o) => o.html).join('\n')}
</main></body></html>`;
}

function section(method: string, path: string, op: Operation): { id: string; title: string; html: string } {
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
  const title = `${method.toUpperCase()} ${esc(path)}`;
  const params = (op.parameters ?? []).map(
    (p) => `<tr><td><code>${esc(p.name)}</code></td><td>${p.in}</td><td>${schema(p.schema)}</td></tr>`,
  );
  const body = Object.entries(op.requestBody?.content ?? {}).map(
    ([type, c]) => `<h3>Body: <code>${esc(type)}</code></h3>${schema(c.schema)}`,
  );
  const responses = Object.entries(op.responses).map(([status, r]) => {
    const json = r.content?.['application/json'];
    return `<h3>${esc(status)}: ${esc(r.description)}</h3>${json ? schema(json.schema) : ''}`;
  });
  const table = params.length
    ? `<table><thead><tr><th>name</th><th>in</th><th>schema</th></tr></thead><tbody>${params.join('')}</tbody></table>`
    : '';
  return {
    id,
    title,
    html: `<section id="${id}"><h2>${title}</h2><p>${esc(op.summary)}</p>${table}${body.join('')}${responses.join('')}</section>`,
  };
}

function schema(s: unknown): string {
  return `<pre><code>${esc(JSON.stringify(s, null, 2))}</code></pre>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[ch]};`);
}
