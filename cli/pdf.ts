// report.pdf for `community compile --formats pdf`: report.html printed to A4 by the machine's
// Chromium through playwright-core (a devDependency, loaded only when a PDF is asked for). With no
// Chromium, or no playwright-core, the PDF is skipped with one line saying why and how to get it;
// the other formats are still written. The page is loaded offline: the report's CSP forbids any
// request, and the browser is given the HTML directly.
import { existsSync } from 'node:fs';

/** Where a Chromium may be: $COMMUNITY_CHROMIUM when set (and then only there), else the usual Debian, Ubuntu, macOS and Windows places. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
    if (env.COMMUNITY_CHROMIUM) return [env.COMMUNITY_CHROMIUM];
    return [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    ].filter((p): p is string => !!p);
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
    return chromiumCandidates(env).find((p) => existsSync(p));
}

interface Browser {
    newPage(): Promise<{
        setContent(html: string, o: { waitUntil: 'load' }): Promise<void>;
        pdf(o: Record<string, unknown>): Promise<Uint8Array>;
        close(): Promise<void>;
    }>;
    close(): Promise<void>;
}

/** Prints report HTML to PDF; one browser for all plans of a run, closed by `close()`. */
export class PdfPrinter {
    private browser: Promise<Browser> | null = null;
    /** Why PDFs cannot be made here, or null when they can. */
    readonly unavailable: string | null;
    private readonly executable: string | undefined;

    constructor(env: NodeJS.ProcessEnv = process.env) {
        this.executable = findChromium(env);
        this.unavailable = this.executable ? null : 'no Chromium found (install chromium, or set COMMUNITY_CHROMIUM to a Chromium or Chrome executable)';
    }

    private async launch(): Promise<Browser> {
        let chromium: { launch(o: Record<string, unknown>): Promise<Browser> };
        try {
            ({ chromium } = (await import('playwright-core')) as unknown as { chromium: typeof chromium });
        } catch {
            throw new Error('playwright-core is not installed (npm install --save-dev playwright-core)');
        }
        return chromium.launch({ executablePath: this.executable, args: ['--no-sandbox'] });
    }

    async print(html: string): Promise<Uint8Array> {
        this.browser ??= this.launch();
        const page = await (await this.browser).newPage();
        try {
            await page.setContent(html, { waitUntil: 'load' });
            return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
        } finally {
            await page.close();
        }
    }

    async close(): Promise<void> {
        if (!this.browser) return;
        try {
            await (await this.browser).close();
        } catch {
            // the browser never started
        }
        this.browser = null;
    }
}
