// portalctl: migrations applied once and never skipped or changed; companies; password resets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client, env, portalctl, sql, sqlValue, q } from '../lib/portal.mjs';

// The installed SQL beside the installed portalctl: PREFIX/bin/portalctl, PREFIX/share/ecs-portal/sql.
const sqlDir = () => join(dirname(dirname(env.portalctl)), 'share', 'ecs-portal', 'sql');

function ctl(...args) {
  return spawnSync(env.portalctl, ['-c', env.config, ...args], { encoding: 'utf8', timeout: 60000 });
}

test('migrate again applies nothing and keeps the record', () => {
  const before = sqlValue('SELECT COUNT(*) FROM schema_migrations');
  const r = ctl('migrate', '--dir', sqlDir());
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /0 applied now/);
  assert.equal(sqlValue('SELECT COUNT(*) FROM schema_migrations'), before);
  const files = readdirSync(join(sqlDir(), 'migrations')).filter((f) => f.endsWith('.sql'));
  assert.equal(Number(before), files.length, 'every migration file is recorded');
});

test('a migration changed after it was applied is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sql-'));
  try {
    cpSync(sqlDir(), dir, { recursive: true });
    appendFileSync(join(dir, 'migrations', '0001-core.sql'), '\n-- edited\n');
    const r = ctl('migrate', '--dir', dir);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /0001-core\.sql was changed after it was applied/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a gap in the numbering is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sql-'));
  try {
    cpSync(sqlDir(), dir, { recursive: true });
    cpSync(join(dir, 'migrations', '0001-core.sql'), join(dir, 'migrations', '0099-later.sql'));
    const r = ctl('migrate', '--dir', dir);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /expected migration \d{4} here/);
    assert.equal(sqlValue("SELECT COUNT(*) FROM schema_migrations WHERE name = '0099-later.sql'"), '0');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('create-company makes a company, its Head Office and a super user who can sign in', async () => {
  const out = portalctl('create-company', '--name', 'Ctl Test Ltd', '--number', 'CTL00001',
    '--email', 'ctl@test.example', '--first', 'Cee', '--last', 'Tee', '--password', 'ctl-test-password-1');
  assert.match(out, /company \d+ "Ctl Test Ltd" created/);
  const [id, perms] = sql(`SELECT c.id, m.permissions FROM companies c JOIN memberships m ON m.company_id = c.id
                            JOIN users u ON u.id = m.user_id WHERE u.email = 'ctl@test.example'`)[0];
  assert.equal(perms, '8388607', 'every permission');
  assert.equal(sqlValue(`SELECT name FROM offices WHERE company_id = ${id}`), 'Ctl Test Ltd Head Office');
  const c = new Client();
  await c.signInOk({ email: 'ctl@test.example', password: 'ctl-test-password-1' });
  const d = await c.get('/dashboard');
  assert.ok(d.body.includes('Ctl Test Ltd'));
  const again = ctl('create-company', '--name', 'Other', '--number', 'CTL00001', '--email', 'x@test.example',
    '--first', 'X', '--last', 'Y', '--password', 'another-password-1');
  assert.notEqual(again.status, 0, 'a company number twice');
});

test('reset-password sets a new password and ends the user\'s sessions', async () => {
  portalctl('create-company', '--name', 'Reset Ltd', '--number', 'RST00001',
    '--email', 'reset@test.example', '--first', 'Re', '--last', 'Set', '--password', 'old-password-123');
  const c = new Client();
  await c.signInOk({ email: 'reset@test.example', password: 'old-password-123' });
  portalctl('reset-password', '--email', 'reset@test.example', '--password', 'new-password-456');
  const stale = await c.get('/dashboard');
  assert.equal(stale.status, 303, 'the old session still works');
  const d = new Client();
  const bad = await d.signIn('reset@test.example', 'old-password-123');
  assert.equal(bad.status, 200, 'the old password still works');
  await d.signInOk({ email: 'reset@test.example', password: 'new-password-456' });
  assert.ok(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'password_reset'
     AND user_id = (SELECT id FROM users WHERE email = ${q('reset@test.example')})`)) >= 1);
});
