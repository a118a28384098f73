// Prints the sqlmap targets of a running stack, one JSON object a line:
// {method, url, data, page} for every form (its action, method and fields with the values the page
// gives them) and every link with a query string, found by crawling every page a signed-in user
// of the demo company (all permissions) can reach, plus the public sign-in form.
// Usage: node tests/security/targets.mjs EMAIL PASSWORD [MAX_PAGES]
import { Client, decodeEntities } from '../lib/portal.mjs';

const [email, password, maxPages = '400'] = process.argv.slice(2);
const c = new Client();
await c.signInOk({ email, password });

const SKIP = /\/logout|\/static\//;
const attr = (tag, name) => {
  const m = tag.match(new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3]) : null;
};

function forms(html, page) {
  const out = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const method = (attr(m[1], 'method') || 'get').toUpperCase();
    const action = attr(m[1], 'action') || page;
    if (!action.startsWith('/') || SKIP.test(action)) continue;
    const fields = new URLSearchParams();
    const seen = new Set();
    for (const f of m[2].matchAll(/<(input|select|textarea)\b([^>]*)>/gi)) {
      const name = attr(f[2], 'name');
      const type = (attr(f[2], 'type') || '').toLowerCase();
      if (!name || ['submit', 'button', 'file', 'image', 'reset'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && seen.has(name)) continue;
      let value = attr(f[2], 'value') || '';
      if (f[1].toLowerCase() === 'select') {
        const rest = m[2].slice(f.index, m[2].indexOf('</select>', f.index));
        const opt = rest.match(/<option\b[^>]*\bvalue\s*=\s*"([^"]+)"/i);
        value = opt ? decodeEntities(opt[1]) : '';
      }
      if (!value && type !== 'hidden') value = type === 'date' ? '2024-01-01' : '1';
      seen.add(name);
      fields.append(name, value);
    }
    for (const b of m[2].matchAll(/<button\b([^>]*)>/gi)) {
      const name = attr(b[1], 'name');
      if (name && !seen.has(name)) { fields.append(name, attr(b[1], 'value') || ''); seen.add(name); }
    }
    if (![...fields.keys()].some((k) => k !== '_csrf')) continue;   // nothing to inject into
    out.push(method === 'GET'
      ? { method, url: `${action.split('?')[0]}?${fields}`, data: '', page }
      : { method, url: action, data: fields.toString(), page });
  }
  return out;
}

const targets = new Map();
const add = (t) => {
  // One target per path shape and parameter set (ids in paths do not make new targets).
  const names = [...new URLSearchParams(t.data || t.url.split('?')[1] || '').keys()].sort().join(',');
  const key = `${t.method} ${t.url.split('?')[0].replace(/\/\d+/g, '/N')} ${names}`;
  if (!targets.has(key)) targets.set(key, t);
};

const queue = ['/dashboard'];
const seen = new Set();
while (queue.length && seen.size < Number(maxPages)) {
  const p = queue.shift();
  if (seen.has(p) || SKIP.test(p)) continue;
  seen.add(p);
  const r = await c.get(p);
  if (r.status >= 300 && r.status < 400 && r.location?.startsWith('/')) { queue.push(r.location); continue; }
  if (!/text\/html/.test(r.headers.get('content-type') || '')) continue;
  for (const f of forms(r.body, p)) add(f);
  for (const m of r.body.matchAll(/\bhref\s*=\s*"(\/[^"#]*)"/gi)) {
    const href = decodeEntities(m[1]);
    if (SKIP.test(href) || href.startsWith('//')) continue;
    if (href.includes('?')) add({ method: 'GET', url: href, data: '', page: p });
    // Pages of one shape (an order, an employee) are crawled a few times, not all.
    const hs = href.split('?')[0].replace(/\/\d+/g, '/N');
    const count = [...seen].filter((s) => s.split('?')[0].replace(/\/\d+/g, '/N') === hs).length;
    if (count < 3 && !seen.has(href)) queue.push(href);
  }
}
// Forms reached only through a POST or a page the crawl does not link: their fields as the
// modules' route tables declare them (ids of the demo company's own rows).
const first = (re) => [...targets.values()].map((t) => t.url.match(re)).find(Boolean)?.[1];
const csrf = await c.csrf();
const contract = await c.get('/contracts/setup');
const contractId = (contract.body.match(/href="\/contracts\/(\d+)"/) || [])[1];
const extra = [
  ['/orders/create', { id: first(/\/applications\/(\d+)/) || '1', token: 'a'.repeat(64), reference: 'PO 1',
    level: 'company', billing_office: '1', delivery_office: '1', accounts_contact: 'A', delivery_attention: 'B', then: 'later' }],
  ['/admin/company', { address_line1: '1 Road', address_line2: '', town: 'Town', postcode: 'AB1 2CD',
    phone: '01632 960000', email: 'a@example.org', require_2fa: '' }],
];
if (contractId) {
  extra.push([`/contracts/${contractId}/invite`, { company: 'Northern Sparks Ltd' }],
    [`/contracts/${contractId}/workers`, { employee: '1' }]);
}
for (const [url, fields] of extra) {
  add({ method: 'POST', url, data: new URLSearchParams({ _csrf: csrf, ...fields }).toString(), page: '/dashboard' });
}
// The public forms (and those behind a link, SQLMAP_PUBLIC_PAGES: space-separated paths).
const anon = new Client();
const publicPages = ['/login', ...(process.env.SQLMAP_PUBLIC_PAGES || '').split(' ').filter(Boolean)];
for (const p of publicPages) for (const f of forms((await anon.get(p)).body, p)) add(f);
process.stderr.write(`# crawled ${seen.size} pages, ${targets.size} targets\n${[...seen].join(" ")}\n`);
for (const t of targets.values()) console.log(JSON.stringify(t));
