// XML for the feed and OAI-PMH tests: well-formedness by xmllint (the
// libxml2 parser, not ours), then a small tree of the document to check
// its structure: { name, attrs, children, text }.
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';

// Fails the test unless xmllint reads xml as well-formed XML 1.0.
export function assertWellFormed(xml, what = 'document') {
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    assert.fail(`${what} is not well-formed XML: ${e.stderr}\n${xml.slice(0, 500)}`);
  }
}

const decode = (s) => s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e) => (
  { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e]
  ?? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))));

// Parses a well-formed document (no DTD, CDATA or comments: what praxis
// writes) into a tree; check with assertWellFormed first.
export function parseXml(xml) {
  const root = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const re = /<\?[^?]*\?>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let m;
  while ((m = re.exec(xml))) {
    const top = stack[stack.length - 1];
    if (m[1]) {
      assert.equal(top.name, m[1], 'tags balance');
      stack.pop();
    } else if (m[2]) {
      const el = { name: m[2], attrs: {}, children: [], text: '', parent: top };
      for (const a of m[3].matchAll(/([^\s=]+)\s*=\s*"([^"]*)"/g)) el.attrs[a[1]] = decode(a[2]);
      top.children.push(el);
      if (!m[4]) stack.push(el);
    } else if (m[5]) {
      top.text += decode(m[5]);
    }
  }
  return root.children[0];
}

// Child elements called name (or all).
export const kids = (el, name) => el.children.filter((c) => !name || c.name === name);
export const kid = (el, name) => kids(el, name)[0];
export const textOf = (el, name) => { const k = kid(el, name); return k ? k.text : undefined; };
