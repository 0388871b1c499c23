// The progress bar of long commands (cli/progress.ts) as a terminal shows it: its words in the
// command's language, the runs it counts, nothing at all when stderr is not a terminal.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../cli/progress.js';

/** A stream that says it is a terminal and keeps what the bar drew, escape codes removed. */
function terminal(isTTY = true): NodeJS.WriteStream & { text(): string } {
    let drawn = '';
    const stream = new Writable({
        write(chunk, _encoding, done) {
            drawn += String(chunk);
            done();
        },
    }) as unknown as NodeJS.WriteStream & { text(): string };
    Object.assign(stream, { isTTY, columns: 120, text: () => drawn.replace(/\x1B(\[[0-9;?]*[A-Za-z]|[78])/g, '') });
    return stream;
}

describe('progress bar', () => {
    it('counts runs in English: label, runs done of the total, time left', () => {
        const stream = terminal();
        const bar = progressBar('forecasting', { runs: true, delayMs: 0, stream })!;
        bar.update(2048, 10000);
        bar.stop();
        expect(stream.text()).toMatch(/forecasting \[[^\]]*\] 20% \| 2048\/10000 runs \| ETA \d+s/);
    });

    it('speaks Chinese with --lang zh-CN', () => {
        const stream = terminal();
        const bar = progressBar('simulating', { runs: true, delayMs: 0, lang: 'zh-CN', stream })!;
        bar.update(5000, 10000);
        bar.stop();
        const text = stream.text();
        expect(text).toMatch(/模拟中 \[[^\]]*\] 50% \| 5000\/10000 次 \| 剩余 \d+ 秒/);
        expect(text).not.toMatch(/simulating|runs|ETA/);
    });

    it('shows a percentage only when it does not count runs (a calibration)', () => {
        const stream = terminal();
        const bar = progressBar('calibrating', { delayMs: 0, lang: 'zh-CN', stream })!;
        bar.update(3, 4);
        bar.stop();
        expect(stream.text()).toMatch(/校准中 \[[^\]]*\] 75% \| 剩余/);
    });

    it('draws nothing before the delay, and nothing on a stream that is not a terminal', () => {
        const early = terminal();
        const bar = progressBar('solving', { runs: true, delayMs: 60_000, stream: early })!;
        bar.update(1, 2);
        bar.stop();
        expect(early.text()).toBe('');
        expect(progressBar('solving', { stream: terminal(false) })).toBeUndefined();
    });
});
