// Checks answers of the API against the server's own OpenAPI document
// (/api/v1/openapi.json): the request's path and method must be
// described (else the answer must be the JSON 404 or 405), the status
// code documented, the Content-Type one the document names, and the
// body valid against the response's schema (ajv, JSON Schema 2020-12,
// which OpenAPI 3.1 schemas are).
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ROOT = 'urn:praxis:openapi';

// "#/components/schemas/X" -> "urn:praxis:openapi#/$defs/X", everywhere.
function rewriteRefs(v) {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (v && typeof v === 'object') {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = k === '$ref' && typeof x === 'string' && x.startsWith('#/components/schemas/')
        ? `${ROOT}#/$defs/${x.slice('#/components/schemas/'.length)}`
        : rewriteRefs(x);
    }
    return out;
  }
  return v;
}

// A template such as /api/v1/practices/{id} as a regular expression;
// templates without placeholders are tried first (OpenAPI 3.1, 4.8.8).
function templates(doc) {
  return Object.keys(doc.paths)
    .map((t) => ({
      template: t,
      holes: (t.match(/\{/g) ?? []).length,
      re: new RegExp(`^${t.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+')}$`),
    }))
    .sort((a, b) => a.holes - b.holes);
}

// Builds a checker from a parsed OpenAPI document.
export function openapiValidator(doc) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  ajv.addSchema({ $id: ROOT, $defs: rewriteRefs(doc.components?.schemas ?? {}) });
  const paths = templates(doc);
  const compiled = new Map();
  const errorSchema = ajv.compile({ $ref: `${ROOT}#/$defs/Error` });

  function resolve(r) {
    let seen = 0;
    while (r && r.$ref && seen++ < 8) {
      const parts = r.$ref.replace(/^#\//, '').split('/');
      r = parts.reduce((o, k) => o?.[k], doc);
    }
    return r;
  }

  function schemaFor(key, schema) {
    if (!compiled.has(key)) compiled.set(key, ajv.compile(rewriteRefs(schema)));
    return compiled.get(key);
  }

  // JSON media types are parsed; others (CSV, ...) are checked as text.
  function bodyErrors(validate, text, type = 'application/json') {
    let body = text;
    if (/^application\/([a-z.-]+\+)?json$/.test(type)) {
      try {
        body = JSON.parse(text);
      } catch (e) {
        return [`body is not JSON: ${e.message}`];
      }
    }
    if (validate(body)) return [];
    return validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
  }

  // problems(): [] when the answer agrees with the document, else what
  // is wrong, one string each. res: { status, contentType, allow, body }.
  function problems(method, url, res) {
    const u = new URL(url, 'http://localhost');
    const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
    const head = method.toLowerCase() === 'head';
    const type = (res.contentType ?? '').split(';')[0].trim();
    const found = paths.find((p) => p.re.test(u.pathname));
    const out = [];
    const asError = (status, what) => {
      if (res.status !== status) return [`${what}: expected ${status}, got ${res.status}`];
      if (type !== 'application/json') return [`${what}: Content-Type ${type}, not application/json`];
      return head ? [] : bodyErrors(errorSchema, res.body).map((e) => `${what}: error body ${e}`);
    };
    if (!found) return asError(404, `no path of the document matches ${u.pathname}`);
    const op = doc.paths[found.template][m];
    if (!op) {
      out.push(...asError(405, `${method} is not an operation of ${found.template}`));
      if (res.status === 405 && !res.allow) out.push('405 without an Allow header');
      return out;
    }
    const r = resolve(op.responses[String(res.status)] ?? op.responses.default);
    if (!r) return [`status ${res.status} is not documented for ${m} ${found.template}`];
    if (!r.content) {
      if (res.body && !head) out.push(`status ${res.status} is documented without a body, got ${res.body.length} bytes`);
      return out;
    }
    const media = r.content[type];
    if (!media) return [`Content-Type ${type} is not documented for ${res.status} of ${m} ${found.template} (${Object.keys(r.content).join(', ')})`];
    if (head || !media.schema) return out;
    const validate = schemaFor(`${found.template} ${m} ${res.status} ${type}`, media.schema);
    out.push(...bodyErrors(validate, res.body, type));
    return out;
  }

  return { problems, doc };
}

// Validates a fetch Response (read from a clone, so the caller can still
// read the body); throws with method, URL, status and every problem.
export async function assertResponse(validator, method, url, response) {
  const body = await response.clone().text();
  const found = validator.problems(method, url, {
    status: response.status,
    contentType: response.headers.get('content-type'),
    allow: response.headers.get('allow'),
    body,
  });
  if (found.length) {
    const u = new URL(url);
    throw new Error(`OpenAPI: ${method} ${u.pathname}${u.search} -> ${response.status} does not match /api/v1/openapi.json:\n  ${found.join('\n  ')}`);
  }
}
