// What the browser tests share: the browser, a page that collects script errors, the API, and
// the authenticator app of the accounts that log in with two factors.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { TOTP, Secret } from 'otpauth';
import { chromium } from 'playwright-core';

export const URL = process.env.SHIMING_URL;

/// Debian's Chromium, headless, kept off the (closed) network.
export function launchBrowser() {
  // playwright gives every launch a fresh temporary profile
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/// A fresh context in Chinese; `errors` collects uncaught exceptions and console errors.
export async function newPage(browser, height = 800) {
  const context = await browser.newContext({ viewport: { width: 1280, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { page, errors };
}

/// The errors that are not the browser's note of an expected refusal (401, 403, 404, 409, 422).
export function scriptErrors(errors) {
  return errors.filter((e) => !/status of (401|403|404|409|422)/.test(e));
}

/// `fetch` of `/api/v1{path}` as JSON, with a bearer token when given.
export async function api(path, init = {}, token) {
  const r = await fetch(`${URL}/api/v1${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

// --- two-factor login -------------------------------------------------------------------------
// Administrators and the province's accounts log in with a code from an authenticator app. The
// tests are that app: the secrets they enrolled, and the last 30-second step each account used
// (the server takes every step once per account, and a code one step ahead or behind), live in
// a file so that both test files — run one after the other — share them.

const STATE_DIR = new globalThis.URL('./test-results/', import.meta.url).pathname;
const STATE = `${STATE_DIR}authenticator.json`;
const STEP_MS = 30_000;

function loadState() {
  try { return JSON.parse(readFileSync(STATE, 'utf8')); } catch { return { secrets: {}, tokens: {} }; }
}
function saveState(state) {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(STATE, JSON.stringify(state, null, 1));
}

/// Forgets every enrolled secret and cached token (a fresh server: the first test file calls it).
export function resetAuthenticator() { rmSync(STATE, { force: true }); }

/// Remembers the secret an account enrolled (spaces of the grouped display ignored).
export function rememberSecret(username, secret, recovery = []) {
  const state = loadState();
  state.secrets[username] = { secret: secret.replace(/\s+/g, ''), last: 0, recovery };
  delete state.tokens[username];
  saveState(state);
}

/// Remembers the recovery codes an account was shown at enrolment.
export function rememberRecovery(username, codes) {
  const state = loadState();
  state.secrets[username].recovery = codes;
  saveState(state);
}

/// Marks a recovery code as used.
export function useRecoveryCode(username) {
  const state = loadState();
  const code = state.secrets[username].recovery.shift();
  saveState(state);
  return code;
}

function totpOf(secret) {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
}

/// A code the server has not taken yet: the current step, or the next (accepted one step early);
/// waits for the next step when both were used.
export async function code(username) {
  for (;;) {
    const state = loadState();
    const entry = state.secrets[username];
    if (!entry) throw new Error(`no authenticator enrolled for ${username}`);
    const now = Math.floor(Date.now() / STEP_MS);
    const step = Math.max(now, entry.last + 1);
    if (step <= now + 1) {
      entry.last = step;
      saveState(state);
      return totpOf(entry.secret).generate({ timestamp: step * STEP_MS });
    }
    await new Promise((r) => setTimeout(r, (now + 1) * STEP_MS - Date.now() + 100));
  }
}

/// Six digits that are certainly wrong now (none of the codes of the steps the server accepts).
export function wrongCode(username) {
  const entry = loadState().secrets[username];
  const t = totpOf(entry.secret);
  const now = Math.floor(Date.now() / STEP_MS);
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => t.generate({ timestamp: (now + d) * STEP_MS })));
  for (let n = 0; ; n += 1) {
    const c = String(n).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

/// Logs in through the API, answering the two-factor challenge; an access token is reused while
/// it is valid, so that the tests do not use up the account's steps (`fresh`: a new session).
export async function apiLogin(username, password, { fresh = false } = {}) {
  const state = loadState();
  const cached = state.tokens[username];
  if (!fresh && cached && cached.until > Date.now() && (await api('/auth/me', {}, cached.token)).status === 200) {
    return cached.token;
  }
  const first = await api('/auth/login', { method: 'POST', body: JSON.stringify({ username, password }) });
  if (first.status !== 200) throw new Error(`login of ${username}: ${first.status} ${JSON.stringify(first.body)}`);
  let tokens = first.body;
  if (tokens.mfa_required) {
    const second = await api('/auth/mfa', { method: 'POST', body: JSON.stringify({ mfa_token: tokens.mfa_token, code: await code(username) }) });
    if (second.status !== 200) throw new Error(`code of ${username}: ${second.status} ${JSON.stringify(second.body)}`);
    tokens = second.body;
  }
  const saved = loadState();
  saved.tokens[username] = { token: tokens.access_token, until: Date.now() + (tokens.expires_in - 60) * 1000 };
  saveState(saved);
  return tokens.access_token;
}

/// Sets up two-factor login through the API with the token of a signed-in (pending) account.
export async function enrolByApi(username, token) {
  const started = await api('/auth/mfa/enrolment', { method: 'POST' }, token);
  if (started.status !== 200) throw new Error(`enrolment of ${username}: ${started.status} ${JSON.stringify(started.body)}`);
  rememberSecret(username, started.body.secret);
  const confirmed = await api('/auth/mfa/confirm', { method: 'POST', body: JSON.stringify({ code: await code(username) }) }, token);
  if (confirmed.status !== 200) throw new Error(`confirmation of ${username}: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  rememberRecovery(username, confirmed.body.codes);
}

/// Logs in in the browser: password, then a code when the server asks for one.
export async function pageLogin(page, username, password) {
  await page.goto(URL);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#password').press('Enter');
  await page.locator('#logout, #mfa-code').first().waitFor();
  if (await page.locator('#mfa-code').count()) {
    await page.locator('#mfa-code').fill(await code(username));
    await page.locator('#mfa-code').press('Enter');
    await page.locator('#logout').waitFor();
  }
}
