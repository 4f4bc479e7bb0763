import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs the `chromium` package when it is missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags a sandboxed root needs (shared/docs/environment.md). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ROOT = path.resolve(__dirname, '..', '..');
/** Screenshots go here (gitignored). */
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'dashboard');

/** Launches Chromium; a missing browser FAILS the suite with the reason and the fix (never a skip). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does) or set CHROMIUM_PATH`,
    );
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/** Builds ui/dist when it is missing (npm install normally did), so the suite tests the real bundle. */
export function ensureUiBuilt(): void {
  if (existsSync(path.join(ROOT, 'ui', 'dist', 'index.html'))) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'postinstall.mjs'), 'ui'], { stdio: 'inherit' });
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page (injected through the DevTools protocol, so the page's CSP stays on). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (o: unknown) => Promise<{ violations: any[] }> } })
      .axe;
    const r = await axe.run({ resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id as string,
      impact: v.impact as string,
      nodes: (v.nodes as Array<{ target: unknown }>).map((n) => JSON.stringify(n.target)).slice(0, 3),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.join(' ')}`);
}

/** Saves a full-page screenshot under test-artifacts/dashboard/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
