// The storm rule of the workspace lock: a newer edit cancels the running update while typing, but
// once edits have waited past the patience the running update finishes, so builds keep completing.
import { describe, expect, it } from 'vitest';
import type { CancellationToken } from 'vscode-languageserver';
import { EditStormLock } from '../../server/edit-storm.js';

/** An update that runs until released, recording whether it saw its cancellation. */
function update() {
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    const seen = { started: false, cancelled: false };
    const action = async (token: CancellationToken) => {
        seen.started = true;
        await done;
        seen.cancelled = token.isCancellationRequested;
    };
    return { action, release, seen };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('edit storm lock', () => {
    it('cancels the running update when an edit comes within the patience', async () => {
        let now = 0;
        const lock = new EditStormLock(150, () => now);
        const first = update();
        const finished = lock.writeUpdate(first.action);
        await tick();
        expect(first.seen.started).toBe(true);
        now = 40;
        lock.editArrived();
        first.release();
        await finished;
        expect(first.seen.cancelled).toBe(true);
        expect(lock.protectedBuilds).toBe(0);
    });

    it('lets the running update finish once edits have waited past the patience, then cancels again', async () => {
        let now = 0;
        const lock = new EditStormLock(150, () => now);
        const first = update();
        const firstDone = lock.writeUpdate(first.action);
        await tick();
        now = 200;
        const second = update();
        const secondDone = lock.writeUpdate(second.action);
        first.release();
        await firstDone;
        expect(first.seen.cancelled).toBe(false);
        expect(lock.protectedBuilds).toBe(1);
        // The edit waiting behind it runs next; its wait started at 200, so an edit at 260 cancels it.
        await tick();
        expect(second.seen.started).toBe(true);
        now = 260;
        lock.editArrived();
        second.release();
        await secondDone;
        expect(second.seen.cancelled).toBe(true);
    });

    it("an edit cancels running slow checks only; slow checks cancel nothing (an update's edits, other checks' documents would stay unbuilt)", async () => {
        let now = 0;
        const lock = new EditStormLock(150, () => now);
        const running = update();
        const runningDone = lock.writeUpdate(running.action);
        await tick();
        const slow = update();
        const slowDone = lock.write(slow.action);
        const settings = update();
        const settingsDone = lock.write(settings.action);
        expect(running.seen.started).toBe(true);
        running.release();
        await runningDone;
        expect(running.seen.cancelled).toBe(false);
        await tick();
        expect(slow.seen.started).toBe(true);
        now = 10;
        lock.editArrived();
        slow.release();
        await slowDone;
        // The edit cancelled the slow checks that were running; the settings build queued behind them runs whole.
        expect(slow.seen.cancelled).toBe(true);
        await tick();
        settings.release();
        await settingsDone;
        expect(settings.seen.cancelled).toBe(false);
    });
});
