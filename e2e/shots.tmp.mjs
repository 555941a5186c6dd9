// scratch: screenshots of the person pages (not committed)
import { launchBrowser, newPage, api } from './support.mjs';
const URL = process.env.SHIMING_URL, PW = process.env.PW;
const admin = await api('/auth/login', { method: 'POST', body: JSON.stringify({ username: '620000', password: PW }) });
await api('/auth/accept-agreement', { method: 'POST' }, admin.body.access_token);
const created = await api('/accounts', { method: 'POST', body: JSON.stringify({ username: 'shot.chaxun', name: '查询员', role: 'query', approval_ref: '批-1' }) }, admin.body.access_token);
const first = await api('/auth/login', { method: 'POST', body: JSON.stringify({ username: 'shot.chaxun', password: created.body.one_time_password }) });
const changed = await api('/auth/change-password', { method: 'POST', body: JSON.stringify({ current_password: created.body.one_time_password, new_password: 'Shot-Query-2026!' }) }, first.body.access_token);
await api('/auth/accept-agreement', { method: 'POST' }, changed.body.access_token);
const browser = await launchBrowser();
for (const [user, pw, tag] of [['620000', PW, 'admin'], ['shot.chaxun', 'Shot-Query-2026!', 'query']]) {
  const { page, errors } = await newPage(browser, 900);
  await page.goto(URL);
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(pw);
  await page.locator('#password').press('Enter');
  await page.locator('#logout').waitFor();
  await page.locator('[data-testid="menu-persons"]').click();
  await page.locator('[data-testid="persons-table"]').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/shots/${tag}-persons.png` });
  await page.locator('[data-testid="persons-table"] a').first().click();
  await page.locator('[data-testid="person-summary"]').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/shots/${tag}-person.png`, fullPage: true });
  console.log(tag, 'errors:', errors);
}
await browser.close();
