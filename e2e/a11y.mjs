// Accessibility checks with axe-core (WCAG 2.1 A and AA rules) on the page as it stands.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const AXE = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/// Fails with the list of violations (rule, impact, the elements) when axe finds any.
export async function assertAccessible(page, where) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await globalThis.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  assert.deepEqual(violations, [], `accessibility of ${where}: ${JSON.stringify(violations, null, 1)}`);
}
