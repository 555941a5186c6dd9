// What the browser tests share: the browser, a page that collects script errors, the API.
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
