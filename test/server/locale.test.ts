// Where the server takes its message language from: the community.language setting, else the
// client's locale, else (editors that send none, e.g. Neovim 0.7, eglot 1.9) LANG / LC_ALL.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, until, type Server } from './server-process.js';

const PLAN = `plan "T" {
  start 2027-01-04
  horizon 8 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
community C {
  tier A { churn 12 CNY per month }
}
`;

let server: Server | undefined;
afterEach(async () => {
    await server?.stop();
    server = undefined;
});

async function wrongUnitMessage(init: Parameters<typeof startServer>[1]): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'community-locale-'));
    const file = join(dir, 'plan.community');
    writeFileSync(file, PLAN);
    server = await startServer(dir, init);
    const uri = pathToFileURL(file).href;
    await server.open(uri, PLAN);
    const list = await until(
        () =>
            server!
                .latest(uri)
                ?.filter((d) => d.code === 'wrong-unit')
                .map((d) => d.message)[0],
        20_000,
        'wrong-unit',
    );
    return list;
}

describe('server language', () => {
    it('answers in Chinese when started with LANG=zh_CN.UTF-8 and no locale from the client', async () => {
        const message = await wrongUnitMessage({ env: { LANG: 'zh_CN.UTF-8' } });
        expect(message).toBe('churn应为每周期百分比（如 12% per month），实际为每月金额。');
    });

    it('LC_ALL wins over LANG', async () => {
        const message = await wrongUnitMessage({ env: { LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' } });
        expect(message).toMatch(/^churn应为/);
    });

    it('the client locale wins over LANG', async () => {
        const message = await wrongUnitMessage({ locale: 'en', env: { LANG: 'zh_CN.UTF-8' } });
        expect(message).toBe('churn expects a percentage per period (e.g. 12% per month), but got money per month.');
    });

    it('initializationOptions.lang wins over both', async () => {
        const message = await wrongUnitMessage({ locale: 'en', initializationOptions: { lang: 'zh-CN' }, env: { LANG: 'en_US.UTF-8' } });
        expect(message).toMatch(/^churn应为/);
    });
});
