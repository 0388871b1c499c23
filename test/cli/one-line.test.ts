// User text the CLI echoes on one line stays on one line: a string value may hold a real line
// break ("\n" in a string literal), and a printed line starting with "::" is a GitHub Actions
// workflow command. check, compile, diff and simulate print diagnostics through cli/report.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneLine } from '../../cli/report.js';
import { community, ensureBuilt } from '../helpers/cli.js';

beforeAll(ensureBuilt);

const INJECT = String.raw`Asia/X\n::error file=README.md,line=1::Injected\r\n::warning::Again`;

function planWith(timezone: string): string {
    return `plan "P" {
  start 2027-03-01
  horizon 4 weeks
  timezone "${timezone}"
  currency USD
}
community Club {
  tier Members {
    seed 100 members
    churn 5% per month
    active 50% weekly
  }
}
`;
}

function noCommandLines(text: string): void {
    for (const line of text.split(/\r?\n|\r/)) expect(line.trimStart().startsWith('::')).toBe(false);
}

describe('one line per diagnostic', () => {
    const dir = mkdtempSync(join(tmpdir(), 'community-oneline-'));
    const bad = join(dir, 'bad.community');
    const good = join(dir, 'good.community');
    writeFileSync(bad, planWith(INJECT));
    writeFileSync(good, planWith('UTC'));

    it('oneLine replaces CR, LF and Unicode line separators with spaces', () => {
        expect(oneLine('a\nb\r\nc\rd\u2028e\u2029f\u0085g')).toBe('a b c d e f g');
        expect(oneLine('plain')).toBe('plain');
    });

    it('check: the message stays on the diagnostic line', () => {
        const r = community(['check', bad]);
        expect(r.code).toBe(1);
        noCommandLines(r.stdout);
        expect(r.stdout).toMatch(/bad\.community:\d+:\d+ - error [\w-]+: .*Asia\/X ::error file=README\.md,line=1::Injected ::warning::Again/);
    });

    it('compile and diff: diagnostics on stderr stay one line each', () => {
        const c = community(['compile', bad, '--out', join(dir, 'out'), '--runs', '10']);
        expect(c.code).toBe(1);
        noCommandLines(c.stderr);
        noCommandLines(c.stdout);
        expect(c.stderr).toContain('Injected');
        const d = community(['diff', good, bad, '--runs', '10']);
        expect(d.code).toBe(1);
        noCommandLines(d.stderr);
        expect(d.stderr).toContain('Injected');
        const s = community(['simulate', bad, '--runs', '10']);
        expect(s.code).toBe(1);
        noCommandLines(s.stderr);
    });

    it('usage errors echoing a path or a flag value are one line', () => {
        const r = community(['check', join(dir, 'missing\n::error::Injected.community')]);
        expect(r.code).toBe(2);
        expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        const f = community(['check', good, '--format', 'x\n::error::Injected']);
        expect(f.code).toBe(2);
        expect(f.stderr.trimEnd().split('\n')).toHaveLength(1);
    });
});
