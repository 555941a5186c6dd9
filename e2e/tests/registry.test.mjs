// The person registry in a real headless Chromium: an entry operator (a sub-account created by the
// province administrator through the API) enters a person — the certificate number is checked as
// it is typed —, finds her again by name, opens her, records that she found a job, and sees the
// entry on her timeline; the province administrator edits a dictionary entry. Screenshots of every
// page go to e2e/test-results/. Runs after foundation.test.mjs (which sets the administrator's
// password).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { assertAccessible } from '../a11y.mjs';
import {
  URL, api, apiLogin, enrolByApi, launchBrowser, newPage as openPage, pageLogin, scriptErrors,
} from '../support.mjs';

const SHOTS = new globalThis.URL('../test-results/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });
const ADMIN_PASSWORD = 'Province-Admin-2026!';
const ENTRY_PASSWORD = 'Entry-Operator-2026!';
// valid second-generation certificate numbers of 城关区 (620102): physical, level 2
const CERT = '62010219900315123X42';
const CERT_BAD_CHECK = '620102199003151231' + '42';

let browser;
before(async () => {
  assert.ok(URL, 'SHIMING_URL is set by cargo xtask');
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); });

/// A sub-account of the province agency, ready to use (password changed, authenticator set up,
/// agreement accepted).
async function subAccount(username, name, role, password) {
  // foundation.test.mjs set the administrator's password and enrolled its authenticator
  const admin = await apiLogin('620000', ADMIN_PASSWORD);
  const created = await api('/accounts', { method: 'POST', body: JSON.stringify({ username, name, role, approval_ref: '甘残联〔2026〕测2号' }) }, admin);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const first = await api('/auth/login', { method: 'POST', body: JSON.stringify({ username, password: created.body.one_time_password }) });
  const changed = await api('/auth/change-password', { method: 'POST', body: JSON.stringify({ current_password: created.body.one_time_password, new_password: password }) }, first.body.access_token);
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.must_enrol_mfa, true, 'a province account must set up two factors');
  await enrolByApi(username, changed.body.access_token);
  const accepted = await api('/auth/accept-agreement', { method: 'POST' }, changed.body.access_token);
  assert.ok(accepted.status < 300, JSON.stringify(accepted.body));
  return changed.body.access_token;
}

const newPage = () => openPage(browser, 900);

const login = pageLogin;

test('an entry operator enters a person, finds her, records a job and sees it on the timeline', async () => {
  const token = await subAccount('e2e.luru', '测试录入员', 'entry', ENTRY_PASSWORD);
  const { page, errors } = await newPage();
  await login(page, 'e2e.luru', ENTRY_PASSWORD);

  await page.locator('[data-testid="menu-persons"]').click();
  await page.locator('[data-testid="persons-table"]').waitFor();

  // a new person: the focus lands in the certificate field; a wrong check character is caught
  // as soon as the number is complete, before the field is left
  await page.locator('#open-new-person').click();
  await page.locator('#person-certificate').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'person-certificate');
  await page.locator('#person-certificate').pressSequentially(CERT_BAD_CHECK);
  await page.locator('#person-certificate-error').getByText('校验').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'person-certificate');
  await page.screenshot({ path: `${SHOTS}20-person-bad-check.png` });
  await page.locator('#person-certificate').fill(CERT.toLowerCase());
  await page.locator('[data-testid="certificate-facts"]').getByText('1990-03-15').waitFor();
  assert.equal(await page.locator('#person-certificate').inputValue(), CERT, 'the check character is upper-cased');
  const facts = await page.locator('[data-testid="certificate-facts"]').innerText();
  assert.match(facts, /男/);
  assert.match(facts, /肢体二级/);
  await page.locator('#person-name').fill('王小花');
  await page.locator('#person-household').selectOption('urban');
  await page.locator('#person-region-1').selectOption('620100');
  await page.locator('#person-region-2 option[value="620102"]').waitFor({ state: 'attached' });
  await page.locator('#person-region-2').selectOption('620102');
  await page.locator('#person-phone').fill('13912345678');
  await page.screenshot({ path: `${SHOTS}21-person-new.png` });
  await assertAccessible(page, 'the new-person form');
  await page.locator('#person-phone').press('Enter');
  await page.locator('[data-testid="person-summary"]').waitFor();
  await page.screenshot({ path: `${SHOTS}22-person-basic.png` });
  await assertAccessible(page, 'the person page');

  // editing sends only what changed: the masked phone stays as it was
  await page.locator('#edit-person').click();
  await page.locator('#person-address').fill('兰州市城关区东岗西路1号');
  await page.screenshot({ path: `${SHOTS}22a-person-edit.png` });
  await page.locator('#person-address').press('Enter');
  await page.locator('#edit-person-dialog').waitFor({ state: 'detached' });
  const basic = page.locator('[data-testid="person-facts"]');
  await basic.getByText('兰州市城关区****').waitFor();
  assert.match(await basic.innerText(), /139\*{4}5678/);

  // the list finds her by name; the certificate number is masked there
  await page.locator('[data-testid="menu-persons"]').click();
  await page.locator('#filter-name').fill('王小');
  await page.locator('#filter-name').press('Enter');
  const row = page.locator('[data-testid^="person-row-"]', { hasText: '王小花' });
  await row.waitFor();
  assert.match(await row.innerText(), /620102\*{12}42/);
  await page.locator('[data-testid="person-count"]').getByText('共 1 人').waitFor();
  await page.screenshot({ path: `${SHOTS}23-persons-search.png` });
  await assertAccessible(page, 'the person list');
  await row.getByRole('link', { name: '王小花' }).click();

  // she found a job: the form knows the forms and industries and saves with Enter
  await page.getByRole('tab', { name: '就业状况' }).click();
  await page.locator('[data-testid="employment-table"]').waitFor();
  await page.locator('#add-employment').click();
  await page.locator('#emp-state').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'emp-state');
  await page.locator('#emp-state').selectOption('employed');
  // a date before her 16th birthday is refused by the shared rule
  await page.locator('#emp-date').fill('2005-03-14');
  await page.locator('#emp-form option[value="flexible"]').waitFor({ state: 'attached' });
  await page.locator('#emp-form').selectOption('flexible');
  await page.locator('#save-employment').click();
  await page.locator('#emp-date-error').getByText('16').waitFor();
  const today = new Date();
  const recent = new Date(today.getTime() - 10 * 86400000).toISOString().slice(0, 10);
  await page.locator('#emp-date').fill(recent);
  await page.locator('#emp-industry').selectOption('C');
  await page.locator('#emp-contract').selectOption('true');
  // the employer, by its unified social credit code (check character verified as typed)
  await page.locator('#emp-credit').fill('91440300708461136A');
  await page.locator('#emp-credit').blur();
  await page.locator('#emp-credit-error').getByText('校验').waitFor();
  await page.locator('#emp-credit').fill('91440300708461136T');
  await page.locator('#emp-employer-name').fill('兰州市某福利企业');
  await page.locator('#emp-ins-0').check();
  await page.locator('#emp-ins-1').check();
  await page.screenshot({ path: `${SHOTS}24-employment-form.png` });
  await assertAccessible(page, 'the employment form');
  await page.locator('#emp-date').press('Enter');
  await page.locator('#employment-dialog').waitFor({ state: 'detached' });
  await page.locator('[data-testid="employment-table"]').getByText(recent).waitFor();
  await page.locator('[data-testid="employment-table"]').getByText('兰州市某福利企业（91440300708461136T）').waitFor();
  await page.screenshot({ path: `${SHOTS}25-employment.png` });

  // the timeline shows it
  await page.getByRole('tab', { name: '时间线' }).click();
  const timeline = page.locator('[data-testid="timeline"]');
  await timeline.getByText(recent).waitFor();
  assert.match(await timeline.innerText(), /就业 · 灵活就业/);
  await page.screenshot({ path: `${SHOTS}26-timeline.png` });
  await assertAccessible(page, 'the timeline');
  // a course that ended five months ago is saved, but the form says first that it will be late
  await page.getByRole('tab', { name: '职业培训' }).click();
  await page.locator('#add-training').click();
  const day = (n) => new Date(today.getTime() - n * 86400000).toISOString().slice(0, 10);
  await page.locator('#tr-start').fill(day(200));
  await page.locator('#tr-end').fill(day(150));
  await page.locator('[data-testid="late-notice"]').waitFor();
  await page.locator('#tr-project').fill('盲人保健按摩');
  await page.locator('#tr-provider option[value]:not([value=""])').first().waitFor({ state: 'attached' });
  await page.locator('#tr-provider').selectOption({ index: 1 });
  await page.screenshot({ path: `${SHOTS}26a-training-form.png` });
  await assertAccessible(page, 'the training form');
  await page.locator('#tr-project').press('Enter');
  await page.locator('[data-testid="training-table"]').getByText('迟报').waitFor();
  await page.screenshot({ path: `${SHOTS}26b-training.png` });

  // Esc cancels a form
  await page.getByRole('tab', { name: '高校毕业生' }).click();
  await page.locator('#add-graduate').click();
  await page.locator('#grad-year').waitFor();
  await page.screenshot({ path: `${SHOTS}26c-graduate-form.png` });
  await page.keyboard.press('Escape');
  await page.locator('#graduate-dialog').waitFor({ state: 'detached' });

  // the summary now shows her employed
  assert.match(await page.locator('[data-testid="person-summary"]').innerText(), /就业/);
  // back to the list: the search is as it was left
  await page.getByRole('link', { name: '返回人员列表' }).click();
  await page.locator('[data-testid^="person-row-"]', { hasText: '王小花' }).waitFor();
  assert.equal(await page.locator('#filter-name').inputValue(), '王小');
  await page.locator('[data-testid="person-count"]').getByText('共 1 人').waitFor();

  // someone else changes her while the form is open: the save is refused, the latest is read
  await page.locator('[data-testid^="person-row-"]', { hasText: '王小花' }).getByRole('link').click();
  const id = Number(new globalThis.URL(page.url()).pathname.split('/').pop());
  await page.locator('#edit-person').click();
  await page.locator('#person-name').fill('王小华');
  const current = await api(`/persons/${id}`, {}, token);
  const elsewhere = await api(`/persons/${id}`, { method: 'PATCH', body: JSON.stringify({ address: '兰州市城关区南昌路2号', version: current.body.version }) }, token);
  assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.body));
  await page.locator('#save-person').click();
  await page.locator('#person-form-error').getByText('已被他人修改').waitFor();
  await page.screenshot({ path: `${SHOTS}26d-version-conflict.png` });
  await page.locator('#reread-person').click();
  await page.getByText('已重新载入最新信息').waitFor();
  assert.match(await page.locator('h1').innerText(), /王小花/);

  // handed over to 七里河区: the list says so
  await page.locator('#change-status').click();
  await page.locator('#status-value').selectOption('moved_out');
  await page.locator('#status-destination').fill('620103');
  await page.screenshot({ path: `${SHOTS}26e-status.png` });
  await page.locator('#status-destination').press('Enter');
  await page.getByText('王小花 已移交至 七里河区（620103）').waitFor();
  assert.deepEqual(scriptErrors(errors), [], 'no script errors');
});

test('the province administrator edits a dictionary entry', async () => {
  const { page, errors } = await newPage();
  await login(page, '620000', ADMIN_PASSWORD);
  await page.locator('[data-testid="menu-dictionaries"]').click();
  await page.locator('[data-testid="dictionary-table"]').waitFor();
  await page.locator('#dictionary-kind').selectOption('channel');
  const row = page.locator('[data-testid^="entry-"]').first();
  await row.waitFor();
  await row.getByRole('button').click();
  await page.locator('#entry-zh').fill('测试途径（已改名）');
  await page.locator('#entry-zh').press('Enter');
  await page.locator('[data-testid="dictionary-table"]').getByText('测试途径（已改名）').waitFor();
  await page.screenshot({ path: `${SHOTS}27-dictionaries.png` });
  await assertAccessible(page, 'the dictionary editor');
  assert.deepEqual(scriptErrors(errors), [], 'no script errors');
});

test('a reviewer, who may not enter data, opens the full identifiers stating the purpose', async () => {
  await subAccount('e2e.shenhe', '测试审核员', 'review', 'Review-User-2026!');
  const { page, errors } = await newPage();
  await login(page, 'e2e.shenhe', 'Review-User-2026!');
  await page.locator('[data-testid="menu-persons"]').click();
  const row = page.locator('[data-testid^="person-row-"]', { hasText: '王小花' });
  await row.getByRole('link', { name: '王小花' }).click();
  await page.locator('[data-testid="person-summary"]').waitFor();
  assert.equal(await page.locator('#edit-person').count(), 0, 'review may not edit');
  await page.locator('#unmask').click();
  // the purpose is required (the shared rule: at least two characters)
  await page.locator('#unmask-purpose').fill('核');
  await page.locator('#confirm-unmask').click();
  await page.locator('#unmask-purpose-error').waitFor();
  await page.locator('#unmask-purpose').fill('电话核实就业状态');
  await page.locator('#unmask-purpose').press('Enter');
  await page.locator('[data-testid="unmasked"]').getByText(CERT).waitFor();
  assert.match(await page.locator('[data-testid="unmasked"]').innerText(), /13912345678/);
  await page.screenshot({ path: `${SHOTS}28-unmasked.png` });
  assert.deepEqual(scriptErrors(errors), [], 'no script errors');
});
