// The foundation walk-through, in a real headless Chromium: the province administrator's first
// login with the printed one-time password, the forced password change, setting up two-factor
// login (QR code, first code, recovery codes), the agreement, a sub-account created and handed
// its one-time password; then that sub-account logs in and sees only the menu its role allows;
// later logins with a code, a recovery code, the last-login notice, and a reset of a holder's
// second factor; the holder's sessions, ended one way and another. Screenshots of every page go to e2e/test-results/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { assertAccessible } from '../a11y.mjs';
import {
  URL, api, apiLogin, code, launchBrowser, newPage as openPage, pageLogin, rememberRecovery,
  rememberSecret, resetAuthenticator, useRecoveryCode, wrongCode,
} from '../support.mjs';

const OTP = process.env.SHIMING_OTP;
const ADMIN_PASSWORD = 'Province-Admin-2026!';
const SHOTS = new globalThis.URL('../test-results/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

let browser;
before(async () => {
  assert.ok(URL && OTP, 'SHIMING_URL and SHIMING_OTP are set by cargo xtask');
  // a fresh server: no account has enrolled an authenticator yet
  resetAuthenticator();
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); });

const newPage = () => openPage(browser);

async function login(page, username, password) {
  await page.goto(URL);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#password').press('Enter');
}

async function firstSteps(page, username, oneTime, newPassword, shotPrefix) {
  await page.locator('#new-password').waitFor();
  await page.screenshot({ path: `${SHOTS}${shotPrefix}-change-password.png` });
  await assertAccessible(page, 'the password change');
  await page.locator('#current-password').fill(oneTime);
  await page.locator('#new-password').fill(newPassword);
  await page.locator('#repeat-password').fill(newPassword);
  await page.locator('#change-submit').click();
  await enrol(page, username, shotPrefix);
  await page.locator('#accept-agreement').waitFor();
  await page.screenshot({ path: `${SHOTS}${shotPrefix}-agreement.png` });
  await assertAccessible(page, 'the agreement');
  await page.locator('#accept-agreement').click();
  await page.locator('#logout').waitFor();
}

/// The enrolment page: scan (here: read the key), a wrong code refused, the right one, the
/// recovery codes shown once, continue.
async function enrol(page, username, shotPrefix) {
  await page.locator('#mfa-secret').waitFor();
  assert.equal(await page.locator('#mfa-qr svg').count(), 1, 'the QR code is drawn as SVG');
  await page.screenshot({ path: `${SHOTS}${shotPrefix}-enrol-mfa.png` });
  await assertAccessible(page, 'the two-factor enrolment');
  rememberSecret(username, await page.locator('#mfa-secret').innerText());
  await page.locator('#mfa-confirm-code').fill(wrongCode(username));
  await page.locator('#mfa-confirm-code').press('Enter');
  await page.locator('#enrol-error').waitFor();
  await page.locator('#mfa-confirm-code').fill(await code(username));
  await page.locator('#mfa-confirm-code').press('Enter');
  await page.locator('#recovery-codes').waitFor();
  const recovery = await page.locator('#recovery-codes li').allInnerTexts();
  assert.equal(recovery.length, 10, 'ten recovery codes');
  assert.ok(recovery.every((c) => /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(c.trim())), recovery.join(' '));
  rememberRecovery(username, recovery.map((c) => c.trim()));
  await page.screenshot({ path: `${SHOTS}${shotPrefix}-recovery-codes.png` });
  await assertAccessible(page, 'the recovery codes');
  await page.locator('#mfa-done').click();
}

async function menu(page) {
  // every role has the regions entry; wait for the shell's menu to be rendered
  await page.locator('[data-testid="menu-regions"]').waitFor();
  const items = await page.locator('[data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  return items.sort();
}

test('province administrator: first login, password, agreement, sub-account; the sub-account sees only its menu', async () => {
  const { page, errors } = await newPage();
  await page.goto(URL);
  await page.locator('#username').waitFor();
  await page.screenshot({ path: `${SHOTS}01-login.png` });
  await assertAccessible(page, 'the login page');

  // a wrong password is announced, nothing else happens
  await login(page, '620000', 'wrong-Password-1');
  await assert.doesNotReject(page.locator('#login-error').waitFor());

  await login(page, '620000', OTP);
  await firstSteps(page, '620000', OTP, ADMIN_PASSWORD, '02');
  // the first login has no earlier one to show
  await page.locator('#last-login').getByText('首次登录').waitFor();
  assert.deepEqual(await menu(page), ['menu-accounts', 'menu-agency', 'menu-dictionaries', 'menu-persons', 'menu-regions']);

  // the region tree of Gansu, with its cities
  await page.locator('[data-testid="menu-regions"]').click();
  await page.getByText('兰州市').first().waitFor();
  await page.getByText('甘南藏族自治州').first().waitFor();
  await page.screenshot({ path: `${SHOTS}03-regions.png` });
  await assertAccessible(page, 'the region tree');

  await page.locator('[data-testid="menu-agency"]').click();
  await page.locator('[data-testid="agency-detail"]').waitFor();
  await page.screenshot({ path: `${SHOTS}04-agency.png` });
  await assertAccessible(page, 'the agency page');

  // a read-only sub-account, handed its one-time password once
  await page.locator('[data-testid="menu-accounts"]').click();
  await page.locator('[data-testid="accounts-table"]').waitFor();
  await page.screenshot({ path: `${SHOTS}05-accounts.png` });
  await assertAccessible(page, 'the account list');
  await page.locator('#open-new-account').click();
  await page.locator('#new-username').fill('e2e.chaxun');
  await page.locator('#new-name').fill('测试查询员');
  await page.locator('#new-role').selectOption('query');
  await page.locator('#new-approval').fill('甘残联〔2026〕测1号');
  await page.locator('#create-account').click();
  await page.locator('#otp').waitFor();
  const subOtp = (await page.locator('#otp').innerText()).trim();
  assert.ok(subOtp.length >= 10, `one-time password shown: ${subOtp}`);
  await page.screenshot({ path: `${SHOTS}06-one-time-password.png` });
  await assertAccessible(page, 'the one-time password dialog');
  await page.keyboard.press('Escape');

  await page.locator('#logout').click();
  await page.locator('#username').waitFor();

  // the sub-account: forced change, agreement, then only what a read-only role may see
  await login(page, 'e2e.chaxun', subOtp);
  await firstSteps(page, 'e2e.chaxun', subOtp, 'Query-User-2026!', '07');
  assert.deepEqual(await menu(page), ['menu-agency', 'menu-persons', 'menu-regions']);
  await page.screenshot({ path: `${SHOTS}08-query-shell.png` });
  assert.deepEqual(errors.filter((e) => !/401|403|422/.test(e)), [], 'no script errors');
});

test('an auditor reads the audit log; the English switch works', async () => {
  // the audit account is created through the API by the province administrator
  const admin = await apiLogin('620000', ADMIN_PASSWORD);
  const created = await api('/accounts', { method: 'POST', body: JSON.stringify({ username: 'e2e.shenji', name: '审计员', role: 'audit', approval_ref: 'A-2' }) }, admin);
  assert.equal(created.status, 201);

  const { page } = await newPage();
  await login(page, 'e2e.shenji', created.body.one_time_password);
  await firstSteps(page, 'e2e.shenji', created.body.one_time_password, 'Audit-User-2026!', '09');
  assert.deepEqual(await menu(page), ['menu-access', 'menu-audit', 'menu-regions']);
  await page.locator('[data-testid="menu-audit"]').click();
  await page.locator('[data-testid="audit-table"]').waitFor();
  await page.getByText('account.create').first().waitFor();
  await page.screenshot({ path: `${SHOTS}10-audit.png` });
  await assertAccessible(page, 'the audit log');
  await page.locator('#lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.screenshot({ path: `${SHOTS}11-audit-en.png` });
  // the access log: a list the administrator read is there, with its filters and row count
  await api('/auth/accept-agreement', { method: 'POST' }, admin);
  const list = await api('/persons?limit=5&disability_type=1', {}, admin);
  assert.equal(list.status, 200);
  await page.locator('#lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.locator('[data-testid="menu-access"]').click();
  await page.locator('[data-testid="access-table"]').waitFor();
  await page.locator('[data-testid^="access-row-"]').first().waitFor();
  await page.getByText('disability_type=1').first().waitFor();
  await page.screenshot({ path: `${SHOTS}12-access.png` });
  await assertAccessible(page, 'the access log');
});

test('two-factor login: a wrong code refused, a recovery code once, the last login and the failed attempts; a reset second factor is set up again', async () => {
  const { page, errors } = await newPage();
  // a wrong password, then the right one: the code page
  await login(page, '620000', 'wrong-Password-1');
  await page.locator('#login-error').waitFor();
  await login(page, '620000', ADMIN_PASSWORD);
  await page.locator('#mfa-code').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'mfa-code', 'the focus is in the code field');
  assert.equal(await page.locator('#mfa-code').getAttribute('autocomplete'), 'one-time-code');
  await page.screenshot({ path: `${SHOTS}13-mfa-code.png` });
  await assertAccessible(page, 'the code page');
  // what is not a code is refused before it is sent; a wrong code by the server
  await page.locator('#mfa-code').fill('12ab');
  await page.locator('#mfa-code').press('Enter');
  await page.locator('#mfa-error').getByText('6位').waitFor();
  await page.locator('#mfa-code').fill(wrongCode('620000'));
  await page.locator('#mfa-code').press('Enter');
  await page.locator('#mfa-error').getByText('动态验证码错误').waitFor();
  await page.screenshot({ path: `${SHOTS}14-mfa-wrong.png` });
  // the phone is not at hand: a recovery code, typed in lower case without dashes
  const recovery = useRecoveryCode('620000');
  await page.locator('#mfa-code').fill(recovery.replaceAll('-', '').toLowerCase());
  await page.locator('#mfa-code').press('Enter');
  await page.locator('#logout').waitFor();
  // the start page: the last login, and the two failures since
  await page.locator('#last-login').waitFor();
  assert.match(await page.locator('#last-login').innerText(), /上次登录/);
  assert.equal(await page.locator('[data-testid="last-login-ip"]').innerText(), '127.0.0.1');
  assert.match(await page.locator('[data-testid="failed-since"]').innerText(), /2/);
  assert.equal(await page.locator('[data-testid="recovery-left"]').innerText(), '9');
  await page.screenshot({ path: `${SHOTS}15-last-login.png` });
  await assertAccessible(page, 'the start page with the last login');

  // the query operator lost her phone: the administrator resets her second factor
  await page.goto(`${URL}/accounts/e2e.chaxun`);
  await page.locator('[data-testid="account-mfa"]').getByText('已开启').waitFor();
  await page.locator('[data-testid="reset-mfa-e2e.chaxun"]').click();
  await page.locator('#confirm-dialog').getByText('重新绑定').waitFor();
  await page.screenshot({ path: `${SHOTS}16-reset-mfa.png` });
  await page.locator('#confirm-ok').click();
  await page.locator('[data-testid="account-mfa"]').getByText('未开启').waitFor();
  assert.equal(await page.locator('[data-testid="reset-mfa-e2e.chaxun"]').count(), 0, 'nothing left to reset');
  await page.locator('#logout').click();
  await page.locator('#username').waitFor();

  // the administrator again, with the app: no failures since the last login
  await pageLogin(page, '620000', ADMIN_PASSWORD);
  await page.locator('#last-login').waitFor();
  assert.equal(await page.locator('[data-testid="failed-since"]').count(), 0);
  await page.locator('#logout').click();
  await page.locator('#username').waitFor();

  // the query operator: password, then she must set up her authenticator again
  await login(page, 'e2e.chaxun', 'Query-User-2026!');
  await enrol(page, 'e2e.chaxun', '17');
  await page.locator('[data-testid="menu-regions"]').waitFor();
  assert.deepEqual(errors.filter((e) => !/401|403|422/.test(e)), [], 'no script errors');
});

test('sessions: the holder sees where she is signed in and ends the others; the administrator ends a subordinate\'s', async () => {
  const { page, errors } = await newPage();
  // a script signed in as the province administrator somewhere else
  const elsewhere = await apiLogin('620000', ADMIN_PASSWORD, { fresh: true });
  await pageLogin(page, '620000', ADMIN_PASSWORD);
  await page.locator('#sessions-link').click();
  await page.locator('[data-testid="sessions-table"]').waitFor();
  assert.equal(await page.locator('[data-testid="session-current"]').count(), 1);
  assert.ok(await page.locator('[data-testid="session-other"]').count() >= 1, 'the script\'s session is listed');
  assert.match(await page.locator('[data-testid="session-current"]').innerText(), /Chrome \d+ · Linux/);
  assert.match(await page.locator('[data-testid="sessions-max"]').innerText(), /10/);
  await page.screenshot({ path: `${SHOTS}18-sessions.png` });
  await assertAccessible(page, 'the sessions page');
  await page.locator('#end-other-sessions').click();
  await page.locator('#confirm-dialog').getByText('除当前会话外').waitFor();
  await page.locator('#confirm-ok').click();
  await page.getByText('已结束的会话数：').waitFor();
  await page.locator('[data-testid="session-other"]').first().waitFor({ state: 'detached' });
  assert.equal((await api('/auth/me', {}, elsewhere)).status, 401, 'the script is signed out at once');
  await page.screenshot({ path: `${SHOTS}19-sessions-ended.png` });

  // the query operator is still signed in from the test before: her administrator ends that
  await page.goto(`${URL}/accounts/e2e.chaxun`);
  await page.locator('[data-testid="account-sessions-table"]').waitFor();
  assert.ok(await page.locator('[data-testid="account-sessions-table"] [data-testid="session-other"]').count() >= 1);
  await page.screenshot({ path: `${SHOTS}20-account-sessions.png` });
  await assertAccessible(page, 'an account with its sessions');
  await page.locator('[data-testid="end-sessions-e2e.chaxun"]').click();
  await page.locator('#confirm-dialog').getByText('密码不变').waitFor();
  await page.locator('#confirm-ok').click();
  await page.locator('[data-testid="account-sessions"]').getByText('没有登录会话').waitFor();
  assert.deepEqual(errors.filter((e) => !/401|403|422/.test(e)), [], 'no script errors');
});
