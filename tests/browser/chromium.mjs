// Helpers for the browser tests: Debian's chromium driven by playwright-core
// (no browser download), axe-core injected into the page, and keyboard walks.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

// WCAG 2.0 and 2.1, levels A and AA.
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

// axe's violations on the page as it is now (after whatever the test did
// to it); the script comes from node_modules, never from the network.
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, WCAG_AA);
}

// One line per violation and up to five elements under it.
export function formatViolations(label, violations) {
  return violations.map((v) => {
    const more = v.targets.length > 5 ? `\n      … and ${v.targets.length - 5} more` : '';
    return `${label}: ${v.id} (${v.impact}): ${v.help}\n` +
      v.targets.slice(0, 5).map((t) => `      ${t}`).join('\n') + more;
  }).join('\n');
}

// What the focused element is, and whether it shows that it has focus;
// inside: whether it is inside the element of that selector.
export function focused(page, inside = 'body') {
  return page.evaluate((sel) => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    return {
      key: el.dataset.tabKey ?? null, tag: el.tagName.toLowerCase(), id: el.id,
      cls: el.className, text: (el.textContent ?? '').trim().slice(0, 40),
      indicator: outline || shadow, outline: `${s.outlineStyle} ${s.outlineWidth}`,
      boxShadow: s.boxShadow, inside: !!document.querySelector(sel)?.contains(el),
    };
  }, inside);
}

// Presses Tab from the top of the page until focus has gone through the
// form and left it (or max presses). Every visible control of the form gets
// a data-tab-key first; returns the keys expected (radio groups count once,
// the honeypot inside .hp is left out), the honeypot's keys, and the
// focused states met inside the form in order.
export async function tabThroughForm(page, formSelector, max = 400) {
  const { expected, honeypot } = await page.$eval(formSelector, (form) => {
    const expected = [];
    const honeypot = [];
    const controls = form.querySelectorAll('input, select, textarea, button');
    controls.forEach((el, i) => {
      if (el.type === 'hidden') return;
      el.dataset.tabKey = el.type === 'radio' ? `radio:${el.name}` : `${el.tagName.toLowerCase()}#${el.id || el.name || i}`;
      if (el.closest('.hp')) { honeypot.push(el.dataset.tabKey); return; }
      if (el.disabled || !el.checkVisibility({ visibilityProperty: true })) return;
      if (!expected.includes(el.dataset.tabKey)) expected.push(el.dataset.tabKey);
    });
    return { expected, honeypot };
  });
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  const reached = [];
  let entered = false;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page, formSelector);
    if (f?.inside) { entered = true; reached.push(f); } else if (entered) break;
  }
  return { expected, honeypot, reached };
}
