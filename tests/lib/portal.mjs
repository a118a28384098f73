// Helpers for the integration and browser tests: the stack's environment, an HTTP client
// that keeps cookies and signs in through the login form, raw sockets for malformed requests,
// SQL through the stack's MariaDB, and the supervisor's worker processes.
//
// ./stack test exports: PORTAL_URL, PORTAL_DB_SOCKET, PORTAL_STATE, PORTALCTL, PORTAL_CONFIG,
// PORTALD_PID_FILE, PORTAL_WORKERS, MYSQL_CMD, PORTAL_DB_STOP, PORTAL_DB_START.

import { execFileSync, execSync } from 'node:child_process';
import { readFileSync, appendFileSync, existsSync, openSync, writeSync, closeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests through ./stack test`);
  return v;
}

export const env = {
  get url() { return need('PORTAL_URL').replace(/\/$/, ''); },
  get state() { return need('PORTAL_STATE'); },
  get portalctl() { return need('PORTALCTL'); },
  get config() { return need('PORTAL_CONFIG'); },
  get pidFile() { return need('PORTALD_PID_FILE'); },
  get mysqlCmd() { return need('MYSQL_CMD'); },
  get dbStop() { return need('PORTAL_DB_STOP'); },
  get dbStart() { return need('PORTAL_DB_START'); },
  get workers() { return Number(process.env.PORTAL_WORKERS || 4); },
};

// ------------------------------------------------------------------------------------------
// The secrets the tests use (passwords, NI numbers, session ids), one "kind<TAB>value" a line
// in $PORTAL_STATE/test-secrets.txt: tests/integration/99-logs.test.mjs looks for each in the
// stack's logs after the whole suite (ASVS V7.1.1, V7.1.2).
// ------------------------------------------------------------------------------------------
const remembered = new Set();
export function rememberSecret(kind, value) {
  const v = String(value ?? '');
  if (v.length < 8 || remembered.has(v) || !process.env.PORTAL_STATE) return;
  remembered.add(v);
  appendFileSync(`${process.env.PORTAL_STATE}/test-secrets.txt`, `${kind}\t${v}\n`);
}

export const DEMO = { email: 'demo@ecs-portal.test', password: 'demo-portal-2026' };
export const OTHER = { email: 'other@ecs-portal.test', password: 'other-portal-2026' };
export const EASTERN = { email: 'eastern@ecs-portal.test', password: 'eastern-portal-2026' };
export const VIEWER = { email: 'viewer@ecs-portal.test', password: 'viewer-portal-2026' };
export const LOGIN_ERROR = 'The email address or password is not correct.';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls fn() until it returns a truthy value; returns that value, or throws after timeoutMs.
export async function waitFor(fn, timeoutMs, what = 'condition', intervalMs = 50) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}` +
        (last instanceof Error ? `: ${last.message}` : ''));
    }
    await sleep(intervalMs);
  }
}

// ------------------------------------------------------------------------------------------
// HTML
// ------------------------------------------------------------------------------------------
export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/gi, (m, e) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'quot') return '"';
    if (l === 'apos' || l === '#39') return "'";
    if (l.startsWith('#x')) return String.fromCodePoint(parseInt(l.slice(2), 16));
    return String.fromCodePoint(parseInt(l.slice(1), 10));
  });
}

// The value of the <input name="_csrf"> of a page (the first one), or null.
export function csrfFrom(html) {
  for (const m of html.matchAll(/<input\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/\bname\s*=\s*["']?_csrf["'\s>]/i.test(tag)) continue;
    const v = tag.match(/\bvalue\s*=\s*"([^"]*)"|\bvalue\s*=\s*'([^']*)'/i);
    if (v) return decodeEntities(v[1] ?? v[2]);
  }
  return null;
}

// The text content of the element with id="ID" (tags stripped, entities decoded, trimmed).
export function textById(html, id) {
  const re = new RegExp(`<([a-z0-9]+)\\b[^>]*\\bid\\s*=\\s*["']${id}["'][^>]*>([\\s\\S]*?)</\\1>`, 'i');
  const m = html.match(re);
  if (!m) return null;
  return decodeEntities(m[2].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

// The text of every element with role="alert".
export function alerts(html) {
  const out = [];
  for (const m of html.matchAll(/<([a-z0-9]+)\b[^>]*\brole\s*=\s*["']alert["'][^>]*>([\s\S]*?)<\/\1>/gi)) {
    out.push(decodeEntities(m[2].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim());
  }
  return out;
}

export function pageText(html) {
  return decodeEntities(html.replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
}

// ------------------------------------------------------------------------------------------
// An HTTP client with a cookie jar (no redirects followed)
// ------------------------------------------------------------------------------------------
function setCookies(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const v = headers.get('set-cookie');
  return v ? v.split(/,(?=\s*[A-Za-z0-9_.-]+=)/) : [];
}

// Parses one Set-Cookie header: { name, value, attrs: {lower-case name: value|true} }.
export function parseSetCookie(line) {
  const parts = line.split(';').map((s) => s.trim());
  const eq = parts[0].indexOf('=');
  const attrs = {};
  for (const p of parts.slice(1)) {
    if (!p) continue;
    const i = p.indexOf('=');
    if (i < 0) attrs[p.toLowerCase()] = true;
    else attrs[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim();
  }
  return { name: parts[0].slice(0, eq).trim(), value: parts[0].slice(eq + 1).trim(), attrs, raw: line };
}

export class Client {
  constructor(base = env.url) {
    this.base = base;
    this.jar = new Map();
  }

  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  // Keeps the cookies of a response; returns the parsed Set-Cookie headers.
  absorb(res) {
    const list = setCookies(res.headers).map(parseSetCookie);
    for (const c of list) {
      const expired = c.value === '' || (c.attrs['max-age'] !== undefined && Number(c.attrs['max-age']) <= 0) ||
        (c.attrs.expires && Date.parse(c.attrs.expires) < Date.now());
      if (expired) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
      if (!expired && /portal_(sid|pre)$/.test(c.name)) rememberSecret('session', c.value);
    }
    return list;
  }

  // request(method, path, {form, body, headers}) -> {status, headers, body, cookies, location}
  async request(method, path, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    const cookie = this.cookieHeader();
    if (cookie && !('cookie' in headers) && !('Cookie' in headers)) headers.Cookie = cookie;
    let body = opts.body;
    if (opts.form) {
      body = new URLSearchParams(opts.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    const cookies = this.absorb(res);
    return {
      status: res.status,
      headers: res.headers,
      body: text,
      cookies,
      location: res.headers.get('location'),
    };
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, form, opts = {}) { return this.request('POST', path, { ...opts, form }); }

  // Signs in through the form. Returns the POST's response (303 to /dashboard when it works).
  async signIn(email, password) {
    rememberSecret('password', password);
    const page = await this.get('/login');
    const csrf = csrfFrom(page.body);
    if (page.status !== 200 || !csrf) {
      throw new Error(`GET /login: status ${page.status}, _csrf ${csrf === null ? 'missing' : 'present'}`);
    }
    return this.post('/login', { _csrf: csrf, email, password });
  }

  // Signs in and checks that it worked (a user of several companies lands on the choice of
  // them, acting for the first until they choose).
  async signInOk(who) {
    const r = await this.signIn(who.email, who.password);
    if (r.status !== 303 || !/\/(dashboard|company)$/.test(r.location || '')) {
      throw new Error(`sign-in of ${who.email}: status ${r.status}, location ${r.location}; ` +
        `alerts: ${alerts(r.body).join(' | ')}`);
    }
    return r;
  }

  // The CSRF token of a signed-in page (from the sign-out form of the dashboard).
  async csrf(path = '/dashboard') {
    const r = await this.get(path);
    const t = csrfFrom(r.body);
    if (!t) throw new Error(`no _csrf on ${path} (status ${r.status})`);
    return t;
  }
}

export async function signedIn(who) {
  const c = new Client();
  await c.signInOk(who);
  return c;
}

// ------------------------------------------------------------------------------------------
// Raw HTTP over a socket, for requests fetch will not send
// ------------------------------------------------------------------------------------------
// rawRequest(data: string|Buffer|Buffer[], {timeoutMs}) -> {status, head, body, raw}
// Sends the bytes, reads until the server closes (requests should say Connection: close).
export function rawRequest(data, { timeoutMs = 10000, stopAfterHead = false } = {}) {
  const u = new URL(env.url);
  return new Promise((resolve, reject) => {
    const chunks = [];
    const sock = net.connect({ host: u.hostname, port: Number(u.port || 80) });
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      const m = raw.match(/^HTTP\/1\.[01] (\d{3})/);
      if (!m) {
        reject(err || new Error(`no HTTP response (got ${JSON.stringify(raw.slice(0, 200))})`));
        return;
      }
      const i = raw.indexOf('\r\n\r\n');
      resolve({ status: Number(m[1]), head: i >= 0 ? raw.slice(0, i) : raw, body: i >= 0 ? raw.slice(i + 4) : '', raw });
    };
    const timer = setTimeout(() => finish(new Error(`no complete response within ${timeoutMs} ms`)), timeoutMs);
    sock.on('data', (d) => {
      chunks.push(d);
      if (stopAfterHead && Buffer.concat(chunks).includes('\r\n\r\n')) finish();
    });
    sock.on('end', () => finish());
    sock.on('close', () => finish());
    // A server that answers early (413) may reset the connection while we still send.
    sock.on('error', (e) => finish(e));
    sock.on('connect', () => {
      const parts = Array.isArray(data) ? data : [data];
      const writeNext = (k) => {
        if (k >= parts.length || done) return;
        const ok = sock.write(parts[k]);
        if (ok) writeNext(k + 1);
        else sock.once('drain', () => writeNext(k + 1));
      };
      writeNext(0);
    });
  });
}

export function hostHeader() {
  return new URL(env.url).host;
}

// ------------------------------------------------------------------------------------------
// SQL through the stack's MariaDB (root over the unix socket)
// ------------------------------------------------------------------------------------------
function mysqlArgv() {
  const argv = env.mysqlCmd.trim().split(/\s+/);
  return { cmd: argv[0], args: argv.slice(1) };
}

// After SQL by hand, what `portalctl flush-sessions` does: fresh values in the
// host's session counters (fcgi/sesscache.c: the epoch and the global counter at
// bytes 8-23), so no worker uses a session row read before the change.
export function flushSessions() {
  const path = need('PORTAL_SESSION_GENERATIONS');
  if (!existsSync(path)) return;	// no worker keeps sessions (cache-ms 0)
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, randomBytes(16), 0, 16, 8);
  } finally {
    closeSync(fd);
  }
}

// Whether SQL only reads: every statement (split at ';', so a ';' inside a string only
// makes it count as a write) a SELECT, SHOW, EXPLAIN or DESCRIBE.
function readsOnly(query) {
  return query.split(';').every((st) => st.trim() === '' || /^(SELECT|SHOW|EXPLAIN|DESCRIBE)\b/i.test(st.trim()));
}

// Runs SQL; returns the rows of the last result as arrays of strings (NULL as null).
// Any change is seen by the next request, as one made through the portal is; a read
// leaves the workers' kept sessions alone (test 15 reads between its views).
export function sql(query) {
  const { cmd, args } = mysqlArgv();
  const out = execFileSync(cmd, [...args, '--batch', '--skip-column-names', '--raw'], {
    input: query, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 30000,
  });
  if (!readsOnly(query)) flushSessions();
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t').map((v) => (v === 'NULL' ? null : v)));
}

// A 7-digit application reference no application has (the data generator's 8000000-8079999
// and the portal's own included).
export function freshApplicationReference() {
  for (;;) {
    const ref = String(1000000 + Math.floor(Math.random() * 9e6));
    if (!sqlValue(`SELECT 1 FROM applications WHERE reference = ${q(ref)}`)) return ref;
  }
}

// The first column of the first row.
export function sqlValue(query) {
  const rows = sql(query);
  return rows.length ? rows[0][0] : null;
}

// A string literal for SQL (only for the test's own constant values).
export function q(s) {
  return `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

// ------------------------------------------------------------------------------------------
// Processes
// ------------------------------------------------------------------------------------------
export function supervisorPid() {
  return Number(readFileSync(env.pidFile, 'utf8').trim());
}

// The PIDs of the supervisor's worker children, sorted.
export function workerPids() {
  let out = '';
  try {
    out = execFileSync('pgrep', ['-P', String(supervisorPid())], { encoding: 'utf8' });
  } catch (e) {
    if (e.status === 1) return []; // none
    throw e;
  }
  return out.split('\n').filter(Boolean).map(Number).sort((a, b) => a - b);
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

// Runs a shell command of the stack (./stack db-stop ...), returns its output.
export function stackCommand(cmdline, timeoutMs = 60000) {
  return execSync(cmdline, { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
}

// portalctl with the stack's configuration.
export function portalctl(...args) {
  return execFileSync(env.portalctl, ['-c', env.config, ...args], {
    encoding: 'utf8', timeout: 60000, stdio: ['ignore', 'pipe', 'pipe'],
  });
}

// portalctl that may fail: {code (its exit status), out (stdout and stderr)}.
export function portalctlStatus(...args) {
  try {
    return { code: 0, out: portalctl(...args) };
  } catch (e) {
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
}

// ------------------------------------------------------------------------------------------
// The employees module: fixtures and helpers (tests/integration/2*-employees-*.test.mjs and
// tests/browser/employees.mjs)
// ------------------------------------------------------------------------------------------
// A short unique tag for names, numbers and e-mail addresses of this run.
export function uniqueTag() {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 46656).toString(36).padStart(3, '0')}`;
}

function randomDigits(n) {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(Math.random() * 10);
  return s;
}

// The check digit of a 7-digit ECS card number, or null when it would be 10 (never issued).
export function cardCheckDigit(seven) {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(seven[i]) * (8 - i);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? null : c;
}

// A valid card number nobody holds yet (9xxxxxx: the demo register uses 1..2xxxxxx).
export function freshCardNumber() {
  for (;;) {
    const seven = `9${randomDigits(6)}`;
    const c = cardCheckDigit(seven);
    if (c === null) continue;
    const num = `${seven}${c}`;
    if (!sqlValue(`SELECT 1 FROM cards WHERE card_number = ${q(num)}`)) return num;
  }
}

// A card number whose check digit is wrong.
export function badCardNumber() {
  for (;;) {
    const seven = `9${randomDigits(6)}`;
    const c = cardCheckDigit(seven);
    if (c === null) continue;
    return `${seven}${(c + 1) % 10}`;
  }
}

// A valid NI number that is not on the register (the demo register uses 300001..302100
// and four named people; these use 5xxxxx..9xxxxx with prefixes of their own).
const NI_PREFIXES = ['WX', 'XW', 'YX', 'TW', 'RX', 'EW', 'HY', 'JY', 'LY', 'MX'];
export function freshNi() {
  for (;;) {
    const ni = NI_PREFIXES[Math.floor(Math.random() * NI_PREFIXES.length)] +
      String(5 + Math.floor(Math.random() * 5)) + randomDigits(5) + 'ABCD'[Math.floor(Math.random() * 4)];
    if (!sqlValue(`SELECT 1 FROM operatives WHERE ni_number = ${q(ni)}`)) { rememberSecret('ni', ni); return ni; }
  }
}

export function freshHse() {
  for (;;) {
    const h = `HSE9${randomDigits(7)}`;
    if (!sqlValue(`SELECT 1 FROM operatives WHERE hse_number = ${q(h)}`)) return h;
  }
}

// "dd/mm/yyyy" and "yyyy-mm-dd" of a Date (UTC).
export function dmy(d) {
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}
export function isoDate(d) {
  return d.toISOString().slice(0, 10);
}
// Today (UTC) moved by the given years and days.
export function dateFromToday({ years = 0, days = 0 } = {}) {
  const d = new Date();
  d.setUTCHours(12, 0, 0, 0);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return d;
}

// An operative on the register, made with SQL. card: {number, expires (yyyy-mm-dd), status}
// (craft, installation electrician). Returns {id, ni, dob (yyyy-mm-dd), dobDmy, first, last,
// hse, card}.
export function createOperative({ first = 'Test', last = 'Operative', ni = freshNi(), dob = '1985-06-15',
  hse = null, title = 'Mr', card = null, town = 'Testtown' } = {}) {
  rememberSecret('ni', ni);
  sql(`INSERT INTO operatives (ni_number, date_of_birth, title, first_name, last_name, gender, town,
         hse_number, hse_passed_on)
       VALUES (${q(ni)}, ${q(dob)}, ${q(title)}, ${q(first)}, ${q(last)}, 'male', ${q(town)},
         ${hse ? q(hse) : 'NULL'}, ${hse ? 'CURDATE() - INTERVAL 100 DAY' : 'NULL'})`);
  const id = sqlValue(`SELECT id FROM operatives WHERE ni_number = ${q(ni)}`);
  if (card) {
    sql(`INSERT INTO cards (card_number, operative_id, card_type_id, occupation_id, grade_id,
           issued_on, expires_on, status)
         SELECT ${q(card.number)}, ${id}, t.id, oc.id, NULL,
                ${q(card.expires)} - INTERVAL 3 YEAR, ${q(card.expires)}, ${q(card.status || 'valid')}
           FROM card_types t JOIN occupations oc ON oc.code = 'installation_electrician'
          WHERE t.code = 'craft'`);
  }
  const [y, m, d] = dob.split('-');
  return { id, ni, dob, dobDmy: `${d}/${m}/${y}`, first, last, hse, card };
}

// Many operatives at once (keyset paging fixtures): rows [{ni, dob, first, last}] -> ids in order.
export function createOperatives(rows) {
  for (const r of rows) rememberSecret('ni', r.ni);
  const values = rows.map((r) => `(${q(r.ni)}, ${q(r.dob || '1980-01-01')}, 'Mr', ${q(r.first)}, ${q(r.last)}, 'male')`);
  sql(`INSERT INTO operatives (ni_number, date_of_birth, title, first_name, last_name, gender)
       VALUES ${values.join(',\n')}`);
  const ids = new Map(sql(`SELECT ni_number, id FROM operatives WHERE ni_number IN (${rows.map((r) => q(r.ni)).join(',')})`));
  return rows.map((r) => ids.get(r.ni));
}

// A current employment, made with SQL.
export function employ(operativeId, companyId, officeId, startedOn = '2020-01-01') {
  sql(`INSERT INTO employments (operative_id, company_id, office_id, started_on)
       VALUES (${operativeId}, ${companyId}, ${officeId}, ${q(startedOn)})`);
}

// A new company with its Head Office and a super user (portalctl create-company), signed in.
// Returns {id, name, number, office, officeName, user, email, password, client}.
export async function freshCompany(label = 'Emp') {
  const tag = uniqueTag();
  const name = `${label} Test ${tag}`;
  const number = `T${tag}`.slice(0, 20).toUpperCase();
  const email = `${label.toLowerCase().replace(/[^a-z0-9]/g, '')}-${tag}@test.example`;
  const password = `pw-${tag}-employees`;
  portalctl('create-company', '--name', name, '--number', number, '--email', email,
    '--first', label.replace(/[^A-Za-z]/g, '') || 'Test', '--last', 'Tester', '--password', password);
  const id = sqlValue(`SELECT id FROM companies WHERE company_number = ${q(number)}`);
  const [office, officeName] = sql(`SELECT id, name FROM offices WHERE company_id = ${id} ORDER BY id LIMIT 1`)[0];
  const user = sqlValue(`SELECT id FROM users WHERE email = ${q(email)}`);
  const client = await signedIn({ email, password });
  return { id, name, number, office, officeName, user, email, password, client };
}

// Another user of a company (membership at company level with the given permissions).
export async function addUser(companyId, { label = 'User', permissions = 8388607 } = {}) {
  const tag = uniqueTag();
  const email = `${label.toLowerCase().replace(/[^a-z0-9]/g, '')}-${tag}@test.example`;
  const password = `pw-${tag}-second`;
  sql(`INSERT INTO users (email, first_name, last_name, status) VALUES (${q(email)}, ${q(label)}, 'Second', 'active')`);
  const user = sqlValue(`SELECT id FROM users WHERE email = ${q(email)}`);
  sql(`INSERT INTO memberships (user_id, company_id, level, permissions, status)
       VALUES (${user}, ${companyId}, 'company', ${permissions}, 'active')`);
  portalctl('reset-password', '--email', email, '--password', password);
  return { user, email, password, client: await signedIn({ email, password }) };
}

// POST /employees/lookup with the page's CSRF token; waits and retries on nginx's 429
// (the per-address burst is shared by every test).
export async function lookup(client, fields, { retry429 = true } = {}) {
  const csrf = client.csrfToken || (client.csrfToken = await client.csrf('/employees/add'));
  for (let i = 0; ; i++) {
    const r = await client.post('/employees/lookup', { _csrf: csrf, ...fields });
    if (r.status !== 429 || !retry429 || i >= 50) return r;
    await sleep(250);
  }
}

// n employee_lookups rows made with SQL for a user (created `minutesAgo` minutes ago). Single
// lookups are numbered in their company and for their user from their counters, as the portal
// numbers them (the limits read the numbers: sql/migrations/0026); numbered after the ones
// made before, so they must not be dated before those.
export function fakeLookups(companyId, userId, n, { kind = 'single', minutesAgo = 1 } = {}) {
  const single = kind === 'single';
  const counter = (owner, id) => Number(sqlValue(
    `SELECT IFNULL((SELECT seq FROM lookup_counters WHERE owner = '${owner}' AND owner_id = ${id}), 0)`));
  const companySeq = single ? counter('company', companyId) : 0;
  const userSeq = single ? counter('user', userId) : 0;
  sql(`SET SESSION max_recursive_iterations = 100000;
       INSERT INTO employee_lookups (token_hash, company_id, user_id, kind, company_seq, user_seq,
                                     ni_number, date_of_birth, created_at)
       WITH RECURSIVE s (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})
       SELECT UNHEX(SHA2(CONCAT(UUID(), '-', i), 256)), ${companyId}, ${userId}, '${kind}',
              ${single ? `${companySeq} + i` : 'NULL'}, ${single ? `${userSeq} + i` : 'NULL'},
              'AB123456C', '1980-01-01', NOW(6) - INTERVAL ${minutesAgo} MINUTE
         FROM s`);
  if (single) {
    sql(`INSERT INTO lookup_counters (owner, owner_id, seq) VALUES ('company', ${companyId}, ${companySeq + n}),
           ('user', ${userId}, ${userSeq + n}) ON DUPLICATE KEY UPDATE seq = VALUES(seq)`);
  }
}

// The value of the hidden input name="NAME" (first one), or null.
export function hiddenValue(html, name) {
  for (const m of html.matchAll(/<input\b[^>]*>/gi)) {
    const tag = m[0];
    if (!new RegExp(`\\bname\\s*=\\s*["']?${name}["'\\s>]`, 'i').test(tag)) continue;
    const v = tag.match(/\bvalue\s*=\s*"([^"]*)"/i);
    if (v) return decodeEntities(v[1]);
  }
  return null;
}

// A page with its per-request secrets (the _csrf and token values) replaced by placeholders,
// and any of the given strings (e.g. the typed NI number) too.
export function maskVolatile(html, strings = []) {
  let s = html.replace(/(<input\b[^>]*\bname\s*=\s*["']?(?:_csrf|token)["']?[^>]*\bvalue\s*=\s*")[^"]*(")/gi, '$1MASKED$2');
  for (const x of strings) s = s.split(x).join('MASKED-INPUT');
  return s;
}

// The rows of the table with id="ID": arrays of cell texts (header row excluded).
export function tableRows(html, id) {
  const m = html.match(new RegExp(`<table\\b[^>]*\\bid\\s*=\\s*["']${id}["'][^>]*>([\\s\\S]*?)</table>`, 'i'));
  if (!m) return null;
  const body = (m[1].match(/<tbody\b[^>]*>([\s\S]*?)<\/tbody>/i) || [null, m[1]])[1];
  const rows = [];
  for (const tr of body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)) {
    const cells = [...tr[1].matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/gi)]
      .map((c) => decodeEntities(c[1].replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim());
    if (cells.length) rows.push(cells);
  }
  return rows;
}

// The employee ids (check boxes name="id") of a Current Employees page, in order.
export function listedIds(html) {
  return [...html.matchAll(/<input\b[^>]*\bname="id"[^>]*\bvalue="(\d+)"/gi)].map((m) => m[1]);
}

// The href of the element with id="ID" (entities decoded), or null.
export function hrefById(html, id) {
  const m = html.match(new RegExp(`<a\\b[^>]*\\bid\\s*=\\s*["']${id}["'][^>]*>`, 'i'));
  if (!m) return null;
  const h = m[0].match(/\bhref\s*=\s*"([^"]*)"/i);
  return h ? decodeEntities(h[1]) : null;
}

// Parses CSV text (RFC 4180, as the export writes it) into rows of cells.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell); rows.push(row); row = []; cell = ''; i++;
    } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// The search box of Current Employees: POSTs q and sort (with the page's CSRF token) and
// returns the 303's Location, /employees/current?s=SEALED&sort=... (no s for an empty q).
// Throws on any other answer.
export async function searchPath(client, q, { sort = 'name' } = {}) {
  const csrf = client.csrfToken || (client.csrfToken = await client.csrf('/employees/current'));
  const r = await client.post('/employees/current', { _csrf: csrf, q, sort });
  if (r.status !== 303 || !r.location) {
    throw new Error(`POST /employees/current q=${q}: status ${r.status}; alerts: ${alerts(r.body).join(' | ')}`);
  }
  return r.location;
}

// Current Employees searched for q (the page the search box leads to).
export async function searchCurrent(client, q, opts) {
  return client.get(await searchPath(client, q, opts));
}

// Walks Current Employees page by page (following id="next-page"), searched for q
// through the search box when q is given; returns {ids, pages, bodies, first} (first:
// the first page's path). Throws after maxPages pages.
export async function walkCurrent(client, { q = '', sort = 'name' } = {}, maxPages = 100) {
  const ids = [];
  const bodies = [];
  let path = q ? await searchPath(client, q, { sort }) : `/employees/current?sort=${encodeURIComponent(sort)}`;
  const first = path;
  while (path) {
    const r = await client.get(path);
    if (r.status !== 200) throw new Error(`GET ${path}: status ${r.status}`);
    bodies.push(r.body);
    ids.push(...listedIds(r.body));
    path = hrefById(r.body, 'next-page');
    if (bodies.length > maxPages) throw new Error(`more than ${maxPages} pages`);
  }
  return { ids, pages: bodies.length, bodies, first };
}

// ------------------------------------------------------------------------------------------
// The applications module: images, uploads and fixtures (tests/integration/5*-applications-*
// and tests/browser/applications.mjs)
// ------------------------------------------------------------------------------------------
import zlib from 'node:zlib'; // (imports are hoisted: usable above too)
// ------------------------------------------------------------------------------------------
const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32(buf) {
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function pngChunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

// A valid RGB PNG of width x height (a head-and-shoulders-ish gradient), made without
// dependencies: signature, IHDR, one IDAT (zlib of the filtered scanlines), IEND.
// level: zlib's level (0 stores the pixels: a body of known size, e.g. for nginx's buffers).
export function pngImage(width, height, { seed = 0, level = -1 } = {}) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  const cx = width / 2;
  const cy = height * 0.4;
  const r2 = (Math.min(width, height) * 0.25) ** 2;
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const o = row + 1 + x * 3;
      const inHead = (x - cx) ** 2 + (y - cy) ** 2 < r2;
      raw[o] = inHead ? 224 : (200 + seed) & 0xff;
      raw[o + 1] = inHead ? 180 : 210;
      raw[o + 2] = inHead ? 150 : (230 - (y * 40) / height) | 0;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(raw, { level })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// A minimal one-page PDF with a line of text.
// A minimal PDF whose text layer holds text (one line, or an array of lines).
export function pdfDocument(text = 'Certificate') {
  const lines = Array.isArray(text) ? text : [text];
  const stream = lines.map((l, i) => `BT /F1 18 Tf 72 ${720 - i * 28} Td (${l.replace(/[()\\]/g, '')}) Tj ET`).join('\n');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// POST multipart/form-data: fields {name: value}, files [{field, data, filename, type}].
export async function postMultipart(client, path, fields, files) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) {
    fd.append(f.field, new Blob([f.data], { type: f.type || 'application/octet-stream' }), f.filename);
  }
  return client.request('POST', path, { body: fd });
}

// The session's CSRF token, kept on the client.
export async function appCsrf(client) {
  if (!client.appCsrfToken) client.appCsrfToken = await client.csrf('/dashboard');
  return client.appCsrfToken;
}

// Choose Application Types (POST /applications/start) for operative ids.
export async function startChoices(client, ids) {
  const form = new URLSearchParams({ _csrf: await appCsrf(client) });
  for (const id of ids) form.append('id', String(id));
  return client.request('POST', '/applications/start', {
    body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

// The rows of choose.cs: [{operative, name, error, existingUrl, choices: [{value, label}]}].
export function chooseRows(html) {
  const m = html.match(/<table\b[^>]*id="choose-table"[^>]*>([\s\S]*?)<\/table>/i);
  if (!m) return null;
  const body = (m[1].match(/<tbody\b[^>]*>([\s\S]*?)<\/tbody>/i) || [null, ''])[1];
  const rows = [];
  for (const tr of body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)) {
    const h = tr[1];
    const name = (h.match(/<th\b[^>]*>([\s\S]*?)<\/th>/i) || [null, ''])[1];
    if (!name) continue;
    const op = h.match(/name="operative" value="(\d+)"/);
    const err = h.match(/class="field-error row-message">([\s\S]*?)<\/p>/i);
    const link = h.match(/<a href="([^"]*)">View the application<\/a>/);
    rows.push({
      operative: op ? op[1] : null,
      name: decodeEntities(name.replace(/<[^>]*>/g, '')).trim(),
      error: err ? decodeEntities(err[1].replace(/<a\b[\s\S]*?<\/a>/g, '').replace(/<[^>]*>/g, ''))
        .replace(/^\s*Error:\s*/, '').trim() : null,
      existingUrl: link ? decodeEntities(link[1]) : null,
      choices: [...h.matchAll(/<option value="([^"]*)"[^>]*>([\s\S]*?)<\/option>/gi)]
        .map((o) => ({ value: decodeEntities(o[1]), label: decodeEntities(o[2]).trim() })),
    });
  }
  return rows;
}

// POST /applications/create with pairs [[operativeId, choice], ...].
export async function createApplications(client, pairs) {
  const form = new URLSearchParams({ _csrf: await appCsrf(client) });
  for (const [op, choice] of pairs) {
    form.append('operative', String(op));
    form.append('choice', choice);
  }
  return client.request('POST', '/applications/create', {
    body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

// Starts one application and returns its id (throws unless the portal answers 303 to step 1).
export async function startApplication(client, operativeId, choice = 'craft:initial') {
  const r = await createApplications(client, [[operativeId, choice]]);
  const m = (r.location || '').match(/\/applications\/(\d+)\/step1$/);
  if (r.status !== 303 || !m) {
    throw new Error(`create ${operativeId} ${choice}: status ${r.status}, location ${r.location}; ` +
      `${pageText(r.body).slice(0, 300)}`);
  }
  return m[1];
}

// POST a form of the applications module with the session's CSRF token; repeated values
// as arrays.
export async function appPost(client, path, fields = {}) {
  const form = new URLSearchParams({ _csrf: await appCsrf(client) });
  for (const [k, v] of Object.entries(fields)) {
    for (const x of Array.isArray(v) ? v : [v]) form.append(k, String(x));
  }
  return client.request('POST', path, {
    body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

// Uploads a photo (POST /applications/ID/photo).
export async function uploadPhoto(client, appId, data, { filename = 'photo.png', type = 'image/png' } = {}) {
  return postMultipart(client, `/applications/${appId}/photo`, { _csrf: await appCsrf(client) },
    [{ field: 'photo', data, filename, type }]);
}

// Uploads a document (POST /applications/ID/document).
export async function uploadDocument(client, appId, data, { purpose = 'qualification', filename = 'certificate.pdf',
  type = 'application/pdf' } = {}) {
  return postMultipart(client, `/applications/${appId}/document`, { _csrf: await appCsrf(client), purpose },
    [{ field: 'document', data, filename, type }]);
}

// Fills an application up to step 4 with SQL-free requests: contact details, a photo,
// the HS&E route when needed, and an occupation (Electrical Labourer (2018) with the grade
// Electrical Labourer for craft cards). Returns nothing; throws on an unexpected answer.
export async function completeApplication(client, appId, { office, hseRoute = 'online',
  occupation = 'electrical_labourer', grade = 'electrical_labourer', photo = true } = {}) {
  const expect = (r, what) => {
    if (r.status !== 303) throw new Error(`${what}: status ${r.status}; ${pageText(r.body).slice(0, 300)}`);
  };
  const officeId = office ?? sqlValue(`SELECT office_id FROM applications WHERE id = ${appId}`);
  expect(await appPost(client, `/applications/${appId}/step1`, {
    business_phone: '01632 960999', business_email: 'site@test.example', delivery_office_id: officeId,
  }), 'step 1');
  if (photo) expect(await uploadPhoto(client, appId, pngImage(300, 400)), 'photo');
  if (hseRoute) expect(await appPost(client, `/applications/${appId}/hse`, { hse_route: hseRoute }), 'hse');
  const typeId = sqlValue(`SELECT card_type_id FROM applications WHERE id = ${appId}`);
  const occ = sqlValue(`SELECT id FROM occupations WHERE code = ${q(occupation)}`);
  const fields = { card_type: typeId, occupation_id: occ };
  if (grade) fields.grade_id = sqlValue(`SELECT id FROM grades WHERE code = ${q(grade)}`);
  expect(await appPost(client, `/applications/${appId}/step3`, fields), 'step 3');
}

// A company of its own with one employed operative (no card unless given) and an
// application started for them. Returns {co, op, appId}.
export async function applicationFixture({ label = 'Apps', operative = {}, choice = 'craft:initial' } = {}) {
  const co = await freshCompany(label);
  const op = createOperative(operative);
  employ(op.id, co.id, co.office);
  const appId = await startApplication(co.client, op.id, choice);
  return { co, op, appId };
}

