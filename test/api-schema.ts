/**
 * Checks a JSON body a test received against the schema the API documents for its route and status
 * (core/api/routes-doc.ts), so every suite that reads the API also tests the OpenAPI contract.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ROUTE_DOCS } from '../core/api/routes-doc.ts';

const ajv = new Ajv2020({ strict: false });
const routes = Object.entries(ROUTE_DOCS).map(([key, doc]) => {
  const [method, path] = key.split(' ') as [string, string];
  return { method, re: new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`), doc };
});

/** Schema errors of `body` for `method path` answered with `status`; a route or status with no schema is one error. */
export function bodyErrors(method: string, path: string, status: number, body: unknown): string[] {
  const pathname = path.split('?')[0]!;
  const route = routes.find((r) => r.method === method && r.re.test(pathname));
  if (!route) return [`${method} ${pathname} is not a documented route`];
  const schema = route.doc.responses[status]?.schema;
  if (!schema) return [`${method} ${pathname} documents no JSON body for status ${status}`];
  if (ajv.validate(schema, body)) return [];
  return (ajv.errors ?? []).map((e) => `${method} ${pathname} ${status}: ${e.instancePath} ${e.message}`);
}
