// The edit coalescer: a run of one document's didChange notifications not yet passed on becomes one
// notification with the changes in order and the last version; anything else ends the run and keeps
// its place, so a request between two edits sees the first applied and not the second.
import { describe, expect, it } from 'vitest';
import { Emitter, type DataCallback, type Message, type MessageReader } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditCoalescer } from '../../server/edit-coalescer.js';

class FakeReader implements MessageReader {
    private callback: DataCallback | undefined;
    readonly onError = new Emitter<Error>().event;
    readonly onClose = new Emitter<void>().event;
    readonly onPartialMessage = new Emitter<never>().event;
    listen(callback: DataCallback) {
        this.callback = callback;
        return { dispose: () => (this.callback = undefined) };
    }
    /** Messages of one chunk: delivered in one go, before the event loop turns. */
    deliver(...messages: Message[]) {
        for (const m of messages) this.callback?.(m);
    }
    dispose() {}
}

const change = (uri: string, version: number, at: number, text: string) => ({
    jsonrpc: '2.0',
    method: 'textDocument/didChange',
    params: { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: 0, character: at }, end: { line: 0, character: at } }, text }] },
});
const hover = (id: number, uri: string) => ({
    jsonrpc: '2.0',
    id,
    method: 'textDocument/hover',
    params: { textDocument: { uri }, position: { line: 0, character: 0 } },
});
const turns = (n: number) =>
    new Promise<void>((resolve) => {
        const step = (left: number) => (left === 0 ? resolve() : setImmediate(() => step(left - 1)));
        step(n);
    });

function listen(reader: FakeReader) {
    const coalescer = new EditCoalescer(reader);
    const seen: Message[] = [];
    coalescer.listen((m) => seen.push(m));
    return { coalescer, seen };
}

describe('edit coalescer', () => {
    it("merges a run of one document's edits into one notification that yields the same text", async () => {
        const reader = new FakeReader();
        const { coalescer, seen } = listen(reader);
        const edits = Array.from({ length: 500 }, (_, i) => change('file:///a.community', i + 2, i, 'x'));
        reader.deliver(...edits);
        await turns(3);
        expect(seen).toHaveLength(1);
        const merged = seen[0] as ReturnType<typeof change>;
        expect(merged.params.textDocument.version).toBe(501);
        expect(merged.params.contentChanges).toHaveLength(500);
        expect(coalescer.merged).toBe(499);
        // Applied as the LSP applies a notification's changes, one after the other: the same text as 500 edits.
        const one = TextDocument.update(TextDocument.create('file:///a.community', 'community', 1, 'plan'), merged.params.contentChanges, 501);
        let each = TextDocument.create('file:///a.community', 'community', 1, 'plan');
        for (const e of edits) each = TextDocument.update(each, e.params.contentChanges, e.params.textDocument.version);
        expect(one.getText()).toBe(each.getText());
        expect(one.getText()).toBe('x'.repeat(500) + 'plan');
    });

    it('keeps the order around a request and another document, and merges what waits behind them', async () => {
        const reader = new FakeReader();
        const { seen } = listen(reader);
        reader.deliver(
            change('file:///a', 2, 0, '1'),
            change('file:///a', 3, 1, '2'),
            hover(7, 'file:///a'),
            change('file:///a', 4, 2, '3'),
            change('file:///b', 2, 0, 'b'),
            change('file:///a', 5, 3, '4'),
        );
        await turns(8);
        expect(
            seen.map((m) =>
                'id' in m
                    ? `hover`
                    : `${(m as ReturnType<typeof change>).params.textDocument.uri}@${(m as ReturnType<typeof change>).params.textDocument.version}`,
            ),
        ).toEqual(['file:///a@3', 'hover', 'file:///a@4', 'file:///b@2', 'file:///a@5']);
        expect((seen[0] as ReturnType<typeof change>).params.contentChanges.map((c) => c.text)).toEqual(['1', '2']);
    });

    it('passes one message per turn, so edits that arrive while others wait are merged', async () => {
        const reader = new FakeReader();
        const { seen } = listen(reader);
        reader.deliver(hover(1, 'file:///a'), change('file:///a', 2, 0, 'x'));
        await turns(1);
        expect(seen).toHaveLength(1);
        // Arrives in a later chunk while the first edit still waits: joins it.
        reader.deliver(change('file:///a', 3, 1, 'y'));
        await turns(3);
        expect(seen).toHaveLength(2);
        expect((seen[1] as ReturnType<typeof change>).params.textDocument.version).toBe(3);
        expect((seen[1] as ReturnType<typeof change>).params.contentChanges).toHaveLength(2);
    });
});
