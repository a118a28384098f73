// The awarding bodies' register feeds: `portalctl import-feed FILE` against the stack's database
// (added, updated, unchanged and rejected rows; idempotent; entities refused), and the sample feeds
// that `portalctl demo` imported.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, sql, sqlValue, q, uniqueTag } from '../lib/portal.mjs';

const dir = mkdtempSync(join(tmpdir(), 'feeds-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const tag = uniqueTag().toUpperCase();
const num = (i) => `SQA-${tag}-${i}`;

function ctl(...args) {
  return spawnSync(env.portalctl, ['-c', env.config, ...args], { encoding: 'utf8', timeout: 60000 });
}

function isoDate(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// A feed of SQA certificates: rows of { i, code, awarded, first, last, born, title, revoked }.
function feed(rows, body = 'sqa') {
  const x = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<certificates body="${body}" generated="2026-01-15">
${rows.map((r) => `  <certificate number="${num(r.i)}" qualification="${r.code ?? 'SVQ3-EE'}" awarded="${r.awarded ?? '2015-06-30'}"${r.revoked ? ' revoked="true"' : ''}>
    <candidate first="${x(r.first ?? 'Alex')}" last="${x(r.last ?? `Feedtest${r.i}`)}" born="${r.born ?? '1990-01-02'}"/>
    <title>${x(r.title ?? 'SVQ Level 3 in Electrical Installation')}</title>
  </certificate>`).join('\n')}
</certificates>
`;
}

function write(name, text) {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function counts(out) {
  const m = out.match(/added (\d+), updated (\d+), unchanged (\d+), rejected (\d+)/);
  assert.ok(m, `a summary line in: ${out}`);
  return { added: Number(m[1]), updated: Number(m[2]), unchanged: Number(m[3]), rejected: Number(m[4]) };
}

function ours() {
  return sql(`SELECT c.certificate_number, c.qualification_code, q.code, c.qualification_title, c.first_name,
                     c.last_name, c.date_of_birth, c.awarded_on, c.revoked, c.source_feed,
                     DATE_FORMAT(c.updated_at, '%Y-%m-%d %H:%i:%s.%f')
                FROM certificates c JOIN awarding_bodies b ON b.id = c.awarding_body_id
                LEFT JOIN qualifications q ON q.id = c.qualification_id
               WHERE b.code = 'sqa' AND c.certificate_number LIKE ${q(`SQA-${tag}-%`)}
               ORDER BY c.certificate_number`);
}

const base = [
  { i: 1 },
  { i: 2, first: 'Zofia', last: "O'Neill", born: '1985-03-04', awarded: '2010-07-01' },
  { i: 3, code: 'SVQ3-XX', title: 'SVQ Level 3 in Something Else', revoked: true },
];

test('import-feed adds the rows of a new feed and says so', () => {
  const p = write('sqa-1.xml', feed(base));
  const r = ctl('import-feed', p);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(counts(r.stdout), { added: 3, updated: 0, unchanged: 0, rejected: 0 });
  const rows = ours();
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[0].slice(0, 10), [num(1), 'SVQ3-EE', 'SVQ3-EE', 'SVQ Level 3 in Electrical Installation',
    'Alex', 'Feedtest1', '1990-01-02', '2015-06-30', '0', 'sqa-1.xml']);
  assert.deepEqual(rows[1].slice(4, 8), ['Zofia', "O'Neill", '1985-03-04', '2010-07-01']);
  assert.equal(rows[2][1], 'SVQ3-XX', 'an unknown code is kept');
  assert.equal(rows[2][2], null, 'without a qualification');
  assert.equal(rows[2][3], 'SVQ Level 3 in Something Else', 'with its title');
  assert.equal(rows[2][8], '1', 'revoked');
  const rec = sql(`SELECT rows_added, rows_updated, rows_unchanged, rows_rejected, CHAR_LENGTH(sha256)
                     FROM feed_imports WHERE file_name = 'sqa-1.xml' ORDER BY id DESC LIMIT 1`)[0];
  assert.deepEqual(rec, ['3', '0', '0', '0', '64'], 'the import is recorded');
});

test('the same feed again changes nothing', () => {
  const before = ours();
  const r = ctl('import-feed', join(dir, 'sqa-1.xml'));
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(counts(r.stdout), { added: 0, updated: 0, unchanged: 3, rejected: 0 });
  assert.deepEqual(ours(), before, 'not one row touched (updated_at included)');
});

test('a changed row is updated, the others left alone', () => {
  const before = ours();
  const changed = base.map((r) => (r.i === 2 ? { ...r, last: "O'Neill-Smith" } : r));
  const r = ctl('import-feed', write('sqa-2.xml', feed(changed)));
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(counts(r.stdout), { added: 0, updated: 1, unchanged: 2, rejected: 0 });
  const after = ours();
  assert.equal(after[1][5], "O'Neill-Smith");
  assert.equal(after[1][9], 'sqa-2.xml', 'the feed that changed it');
  assert.deepEqual(after[0], before[0]);
  assert.deepEqual(after[2], before[2]);
  // Revoking is a change too.
  const revoked = changed.map((x) => (x.i === 1 ? { ...x, revoked: true } : x));
  const r2 = ctl('import-feed', write('sqa-3.xml', feed(revoked)));
  assert.deepEqual(counts(r2.stdout), { added: 0, updated: 1, unchanged: 2, rejected: 0 });
  assert.equal(ours()[0][8], '1');
});

test('an invalid row is rejected with its line and reason, the rest imported', () => {
  const future = new Date();
  future.setFullYear(future.getFullYear() + 1);
  const rows = [
    { i: 4 },
    { i: 5, awarded: isoDate(future) },
    { i: 6, born: '1999-01-01', awarded: '2016-01-01' },
  ];
  const r = ctl('import-feed', write('sqa-4.xml', feed(rows)));
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(counts(r.stdout), { added: 2, updated: 0, unchanged: 0, rejected: 1 });
  // Rows are 4 lines each after 2 lines of header: the second <certificate> is on line 7.
  assert.match(r.stdout, new RegExp(`rejected .*sqa-4\\.xml:7: certificate ${num(5)}: the award date ${isoDate(future)} is in the future`));
  const numbers = ours().map((x) => x[0]);
  assert.ok(numbers.includes(num(4)) && numbers.includes(num(6)), 'the good rows are in');
  assert.ok(!numbers.includes(num(5)), 'the rejected one is not');
  assert.equal(sqlValue(`SELECT rows_rejected FROM feed_imports WHERE file_name = 'sqa-4.xml'`), '1');

  const r2 = ctl('import-feed', write('sqa-5.xml', feed([{ i: 7, first: ' ', born: '2001-01-01', awarded: '2000-01-01' }])));
  assert.equal(r2.status, 0, r2.stderr);
  assert.deepEqual(counts(r2.stdout), { added: 0, updated: 0, unchanged: 0, rejected: 1 });
  assert.match(r2.stdout, /sqa-5\.xml:3: .*first name is empty/);
});

test('a feed with an external entity is refused whole and nothing is imported', () => {
  const imports = sqlValue('SELECT COUNT(*) FROM feed_imports');
  const xxe = `<?xml version="1.0"?>
<!DOCTYPE certificates [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<certificates body="sqa" generated="2026-01-15">
  <certificate number="${num(90)}" qualification="SVQ3-EE" awarded="2015-06-30">
    <candidate first="&xxe;" last="Entity" born="1990-01-02"/>
    <title>&xxe;</title>
  </certificate>
</certificates>
`;
  const t0 = Date.now();
  const r = ctl('import-feed', write('xxe.xml', xxe));
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /xxe\.xml:2: a DOCTYPE is not allowed/);
  assert.match(r.stderr, /nothing imported/);
  assert.doesNotMatch(r.stdout + r.stderr, /root:/, 'nothing of /etc/passwd');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM certificates WHERE certificate_number = ${q(num(90))}`), '0');
  assert.equal(sqlValue('SELECT COUNT(*) FROM feed_imports'), imports, 'no import recorded');

  const laughs = ['<!ENTITY a "lol">'];
  for (let i = 1; i < 10; i++) laughs.push(`<!ENTITY ${'a'.repeat(i + 1)} "${`&${'a'.repeat(i)};`.repeat(10)}">`);
  const bomb = `<?xml version="1.0"?>\n<!DOCTYPE certificates [\n${laughs.join('\n')}\n]>\n` +
    feed([{ i: 91, title: '&aaaaaaaaaa;' }]).replace(/^<\?xml[^>]*>\n/, '').replace('&amp;aaaaaaaaaa;', '&aaaaaaaaaa;');
  const r2 = ctl('import-feed', write('laughs.xml', bomb));
  assert.notEqual(r2.status, 0);
  assert.match(r2.stderr, /laughs\.xml:2: a DOCTYPE is not allowed/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM certificates WHERE certificate_number = ${q(num(91))}`), '0');
  assert.ok(Date.now() - t0 < 5000, 'refused quickly');
});

test('a feed that breaks the schema or names no known body is refused whole', () => {
  const imports = sqlValue('SELECT COUNT(*) FROM feed_imports');
  const bad = feed([{ i: 92 }, { i: 93 }]).replace(`number="${num(93)}"`, `number="${num(93)}" colour="red"`);
  const r = ctl('import-feed', write('schema.xml', bad));
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /schema\.xml:7: .*colour/);
  const r2 = ctl('import-feed', write('nobody.xml', feed([{ i: 94 }], 'no_such_body')));
  assert.notEqual(r2.status, 0);
  assert.match(r2.stderr, /nobody\.xml:2: .*no awarding body "no_such_body"/);
  const r3 = ctl('import-feed', write('broken.xml', feed([{ i: 95 }]).replace('</title>', '</titel>')));
  assert.notEqual(r3.status, 0);
  assert.match(r3.stderr, /broken\.xml:5: /);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM certificates WHERE certificate_number IN
    (${[92, 93, 94, 95].map((i) => q(num(i))).join(', ')})`), '0');
  assert.equal(sqlValue('SELECT COUNT(*) FROM feed_imports'), imports, 'no import recorded');
});

test('portalctl demo imported the sample feeds (Sam Carter\'s gold card set, Jeff, Daniel)', () => {
  for (const f of ['city-guilds.xml', 'eal.xml', 'net.xml']) {
    assert.ok(Number(sqlValue(`SELECT COUNT(*) FROM feed_imports WHERE file_name = ${q(f)} AND rows_added > 0`)) >= 1,
      `${f} imported`);
  }
  const sam = sql(`SELECT b.code, q.code FROM certificates c JOIN awarding_bodies b ON b.id = c.awarding_body_id
                     JOIN qualifications q ON q.id = c.qualification_id
                    WHERE c.first_name = 'Sam' AND c.last_name = 'Carter' AND c.date_of_birth = '1980-05-01'
                      AND c.revoked = 0 ORDER BY b.code, q.code`).map((r) => r.join(' '));
  for (const want of ['city_guilds 2365', 'city_guilds 2357', 'city_guilds 2382', 'net AM2']) {
    assert.ok(sam.includes(want), `Sam Carter has ${want}: ${sam.join(', ')}`);
  }
  assert.equal(sqlValue(`SELECT q.qualification_kind FROM certificates c JOIN qualifications q ON q.id = c.qualification_id
                          WHERE c.last_name = 'Jones' AND c.first_name = 'Jeff' AND c.date_of_birth = '1990-09-22'`),
    'level1_hs', 'Jeff Jones: a Level 1 H&S award');
  assert.equal(sqlValue(`SELECT q.qualification_kind FROM certificates c JOIN qualifications q ON q.id = c.qualification_id
                          WHERE c.last_name = 'Mac' AND c.first_name = 'Daniel' AND c.date_of_birth = '1985-07-14'`),
    'level4_management', 'Daniel Mac: a Level 4 management qualification');
  // Generated operatives' dates of birth follow the day the demo is loaded: match on names.
  const generated = Number(sqlValue(`SELECT COUNT(DISTINCT c.first_name, c.last_name) FROM certificates c
     WHERE c.source_feed IN ('city-guilds.xml', 'eal.xml', 'lcl.xml', 'net.xml', 'nocn.xml')
       AND EXISTS (SELECT 1 FROM operatives o WHERE o.first_name = c.first_name
                      AND o.last_name = c.last_name AND o.ni_number LIKE '__3%')`));
  assert.ok(generated >= 24, `a few dozen generated operatives named in the feeds (${generated})`);
});
