// Hostile values (issue 8): every text a user can set (company, office, group and user names,
// an employee's names and address, an order's reference and contacts, a contract's name, site
// and reference, an audit detail) holds markup, quotes, template syntax and a CRLF header
// injection, put there with SQL; a crawl of every page the company's user can reach then asserts
// that no payload appears unescaped, that no header was injected, and that every response (pages,
// redirects, error pages, CSV downloads) carries the security headers. Forms that echo what was
// typed (sign-in, lookup) are posted the same payloads.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, sql, sqlValue, q, freshCompany, createOperative, employ, csrfFrom,
} from '../lib/portal.mjs';
import { finalisedApps, createOrder } from '../lib/orders.mjs';
import { createContract } from '../lib/contracts.mjs';

// Long (<= 100 characters) and short (<= 60: order and contract references) payloads.
const LONG = `<script>alert(1)</script>'"{{7*7}}<?cs var:Session.csrf ?>\r\nX-Injected: 1`;
const SHORT = `<img src=x onerror=alert(2)>"'{{x}}\r\nX-Injected: 2`;
// What must never appear in a page as it was stored (markup the browser would run).
const RAW = ['<script>alert(1)', '<img src=x onerror', '<?cs var:Session'];
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

let co;
let op;
let orderId;
let contractId;

before(async () => {
  co = await freshCompany('Hostile');
  const apps = finalisedApps(co, 1);
  const order = await createOrder(co.client, co, apps, { reference: 'PO hostile' });
  assert.ok(order.orderId, `the order was made (status ${order.r.status})`);
  orderId = order.orderId;
  const contract = await createContract(co.client);
  assert.ok(contract.id, `the contract was made (status ${contract.r.status})`);
  contractId = contract.id;
  op = createOperative({ first: LONG, last: LONG, town: LONG });
  employ(op.id, co.id, co.office);
  sql(`UPDATE companies SET name = ${q(LONG)}, address_line1 = ${q(LONG)}, town = ${q(LONG)} WHERE id = ${co.id};
       INSERT INTO company_groups (company_id, name) VALUES (${co.id}, ${q(LONG)});
       UPDATE offices SET name = ${q(LONG)}, contact_name = ${q(LONG)}, address_line1 = ${q(LONG)}
        WHERE company_id = ${co.id};
       UPDATE users SET first_name = ${q(LONG)}, last_name = ${q(LONG)} WHERE id = ${co.user};
       UPDATE operatives o JOIN applications a ON a.operative_id = o.id
          SET o.first_name = ${q(LONG)}, o.last_name = ${q(SHORT)} WHERE a.company_id = ${co.id};
       UPDATE orders SET reference = ${q(SHORT)}, accounts_contact = ${q(LONG)},
              delivery_attention = ${q(LONG)} WHERE id = ${orderId};
       UPDATE contracts SET name = ${q(LONG)}, site_address = ${q(LONG)}, client_reference = ${q(SHORT)}
        WHERE id = ${contractId};
       INSERT INTO audit_log (company_id, user_id, ip, action, object_kind, object_id, detail)
       VALUES (${co.id}, ${co.user}, '127.0.0.1', 'hostile_test', 'order', ${q(orderId)}, ${q(LONG)});`);
});

// The security headers every response of the portal carries.
function assertHeaders(path, r) {
  const h = r.headers;
  const csp = h.get('content-security-policy') || '';
  assert.match(csp, /default-src 'none'|default-src 'self'/, `${path}: CSP default-src (${r.status})`);
  assert.match(csp, /frame-ancestors 'none'/, `${path}: CSP frame-ancestors`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${path}: no unsafe-inline/eval in the CSP`);
  assert.equal(h.get('x-content-type-options'), 'nosniff', `${path}: nosniff`);
  assert.ok(/^DENY$/i.test(h.get('x-frame-options') || '') || /frame-ancestors 'none'/.test(csp),
    `${path}: framing refused`);
  assert.match(h.get('referrer-policy') || '', /^(same-origin|no-referrer|strict-origin)/, `${path}: Referrer-Policy`);
  assert.match(h.get('cache-control') || '', /no-store/, `${path}: Cache-Control no-store`);
  assert.equal(h.get('x-injected'), null, `${path}: no header injected by a stored CRLF`);
}

function assertInert(path, r) {
  for (const raw of RAW) {
    assert.ok(!r.body.includes(raw), `${path}: the payload ${JSON.stringify(raw)} appears unescaped`);
  }
  // No element with an event handler attribute (attribute values, escaped, are left out).
  for (const m of r.body.matchAll(/<[a-z][a-z0-9]*\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi)) {
    const names = m[0].replace(/"[^"]*"|'[^']*'/g, '""');
    assert.doesNotMatch(names, /\son[a-z]+\s*=/i, `${path}: an element with an event handler: ${m[0]}`);
  }
}

// Every link of a page that stays on the portal (not static files, not sign-out).
function links(body) {
  const out = [];
  for (const m of body.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)) {
    const href = m[1].replace(/&amp;/g, '&');
    if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/static/')) continue;
    out.push(href.split('#')[0]);
  }
  return out;
}

test('a crawl of every page of the company: payloads shown as text, security headers on every response', async (t) => {
  const seen = new Set();
  const queue = ['/dashboard', `/employees/${op.id}`, `/orders/${orderId}`, `/orders/${orderId}/receipt`,
    `/contracts/${contractId}`, '/admin/groups', `/admin/offices/${co.office}`, '/admin/audit', '/admin/users',
    `/admin/users/${co.user}`, '/admin/company', '/account'];
  const escapedOn = new Set();
  let pages = 0;
  while (queue.length && pages < 400) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const r = await co.client.get(path);
    pages++;
    assertHeaders(path, r);
    if (r.status >= 300 && r.status < 400) {
      if (r.location && r.location.startsWith('/')) queue.push(r.location);
      continue;
    }
    const type = r.headers.get('content-type') || '';
    if (/text\/html/.test(type)) {
      assertInert(path, r);
      if (r.body.includes(ESCAPED)) escapedOn.add(path.replace(/\/\d+/g, '/N'));
      for (const l of links(r.body)) if (!seen.has(l) && !/logout/.test(l)) queue.push(l);
    } else {
      // Downloads (CSV, images): never HTML, always an attachment or an image.
      assert.doesNotMatch(type, /html|xml|javascript/, `${path}: a download served as ${type}`);
    }
  }
  t.diagnostic(`crawled ${pages} pages; payload seen escaped on ${[...escapedOn].join(' ')}`);
  assert.ok(pages >= 30, `crawled ${pages} pages`);
  // The payloads were really rendered (escaped) where the data shows.
  for (const p of ['/dashboard', '/employees/N', '/orders/N', '/contracts/N', '/admin/groups', '/admin/audit']) {
    assert.ok(escapedOn.has(p), `${p} shows the stored payload as text (seen escaped on: ${[...escapedOn].join(' ')})`);
  }
});

test('error pages and redirects carry the headers too', async () => {
  const anon = new Client();
  for (const [path, status] of [['/dashboard', 303], ['/login', 200], ['/no-such-page', 404],
    ['/employees/999999999', null], ['/health', 200]]) {
    const r = await anon.get(path);
    if (status !== null) assert.equal(r.status, status, path);
    if (path !== '/health') assertHeaders(path, r);
  }
  const r = await co.client.get('/employees/999999999');
  assert.equal(r.status, 404);
  assertHeaders('/employees/999999999 (signed in)', r);
});

test('forms that show what was typed show hostile input as text', async () => {
  const anon = new Client();
  const page = await anon.get('/login');
  const r = await anon.post('/login', { _csrf: csrfFrom(page.body), email: LONG, password: 'x' });
  assert.equal(r.status, 200);
  assertHeaders('POST /login', r);
  assertInert('POST /login', r);
  const csrf = await co.client.csrf('/employees/add');
  const l = await co.client.post('/employees/lookup', {
    _csrf: csrf, card_number: LONG, last_name: LONG, ni: SHORT, dob: LONG, hse_number: SHORT,
  });
  assert.ok([200, 429].includes(l.status), `lookup answered ${l.status}`);
  assertHeaders('POST /employees/lookup', l);
  assertInert('POST /employees/lookup', l);
  // CRLF in a POSTed value never becomes a header.
  const c = await co.client.post('/account/details', { _csrf: await co.client.csrf('/account'),
    first_name: `A\r\nX-Injected: 3`, last_name: 'B' });
  assert.equal(c.headers.get('x-injected'), null);
  assertHeaders('POST /account/details', c);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE first_name LIKE '%X-Injected: 3%'`), '0',
    'a name with a line break is refused');
});
