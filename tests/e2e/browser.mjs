// A minimal browser for the e2e tests: a cookie jar, redirects not
// followed (the tests check them), and the CSRF token of the last page.
import { execFileSync } from 'node:child_process';
import { BIN } from './harness.mjs';

export class Browser {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
    this.csrf = null;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keep(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const [name, value] = pair.split('=');
      if (attrs.some((a) => /max-age=0/i.test(a.trim()))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path, init = {}) {
    const headers = { ...(init.headers ?? {}) };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    const res = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    this.keep(res);
    const body = Buffer.from(await res.arrayBuffer());
    const text = body.toString('utf8');
    const m = text.match(/name="csrf" value="([^"]*)"/g);
    if (m) this.csrf = m[m.length - 1].match(/value="([^"]*)"/)[1];
    return { status: res.status, headers: res.headers, text, body,
             location: res.headers.get('location') };
  }

  get(path) { return this.request(path); }

  // Posts a form; fields: an object or [name, value] pairs; the page's
  // CSRF token is added unless the fields carry their own.
  post(path, fields, { csrf = true, multipart = false } = {}) {
    const pairs = Array.isArray(fields) ? [...fields] : Object.entries(fields);
    if (csrf && !pairs.some(([k]) => k === 'csrf')) pairs.push(['csrf', this.csrf ?? '']);
    if (multipart) {
      const fd = new FormData();
      for (const [k, v] of pairs) {
        if (v && typeof v === 'object' && 'bytes' in v) fd.append(k, new Blob([v.bytes]), v.name);
        else fd.append(k, v);
      }
      return this.request(path, { method: 'POST', body: fd });
    }
    return this.request(path, {
      method: 'POST', body: new URLSearchParams(pairs).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  async signIn(email, password) {
    await this.get('/login');
    return this.post('/login', { email, password });
  }
}

export function addUser(db, { email, name = 'Test', role, org, password }) {
  const args = ['user', 'add', '--db', db, '--email', email, '--name', name, '--role', role];
  if (org) args.push('--org', String(org));
  return execFileSync(BIN, args, { input: `${password}\n`, encoding: 'utf8' });
}

export const PDF = { name: 'Sprawozdanie łódź.pdf', bytes: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };
export const ELF = { name: 'innocent.pdf', bytes: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]) };

// A complete, valid submission; override fields to break it.
export function submission(over = {}) {
  return {
    title: 'Rada seniorów w Kórniku', summary: 'Seniorzy doradzają burmistrzowi.',
    body: '## Cele\n\nWięcej głosu seniorów.\n\n## Etapy\n\n1. Nabór\n2. Wybory',
    lang: 'pl', category: 'social-assistance', org_name: 'Gmina Kórnik',
    unit_type: 'urban_rural_municipality', initiator: 'local_government',
    town: 'Kórnik', region: 'wielkopolskie', population: '28000',
    link1_url: 'https://example.org/uchwala', link1_title: 'Uchwała nr XII/1/2020',
    link1_kind: 'legal_act', contact_name: 'Anna Kowalska', contact_email: 'anna@example.org',
    submitter_name: 'Jan Nowak', submitter_email: 'jan@example.org', consent: 'yes',
    homepage: '', ...over,
  };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
