// Regenerates the report screenshots in docs/images/ (shown in the README): the first screen of the
// English and Chinese HTML reports of two examples, compiled by the built CLI and photographed by
// the machine's Chromium (playwright-core). Run after `npm run build`:
//   node docs/write-report-screenshots.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const EXAMPLES = ['fitness-wechat', 'oss-discord'];
const LANGS = { en: 'en', 'zh-CN': 'zh' };
const executablePath = process.env.COMMUNITY_CHROMIUM ?? '/usr/bin/chromium';
const out = mkdtempSync(join(tmpdir(), 'community-shots-'));
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
    for (const [lang, tag] of Object.entries(LANGS)) {
        execFileSync(
            process.execPath,
            ['bin/community.cjs', 'compile', ...EXAMPLES.map((e) => `examples/${e}.community`), '--out', join(out, lang), '--formats', 'html', '--lang', lang],
            { stdio: 'inherit' },
        );
        for (const example of EXAMPLES) {
            const page = await browser.newPage({ viewport: { width: 1000, height: 1250 } });
            await page.goto(`file://${join(out, lang, example, 'report.html')}`);
            await page.screenshot({ path: `docs/images/report-${example}-${tag}.png` });
            await page.close();
        }
    }
} finally {
    await browser.close();
    rmSync(out, { recursive: true, force: true });
}
