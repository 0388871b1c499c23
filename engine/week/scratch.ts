// Working arrays of a Block carved from a few shared ArrayBuffers. A typed array of more than 8
// numbers gets its own off-heap buffer, which costs ~0.5–3 µs to allocate (a Block has ~80 of them:
// most of what building one cost — the checker builds one per community, three runs wide, and the
// calibration one per evaluation); a view on an existing buffer costs ~0.05 µs. Each region is
// handed out once, from a buffer that starts zeroed, so every array starts at 0 as `new` would.
// Arrays that leave the Block (the results the pool moves to the main thread by their buffers) are
// allocated on their own, never here.
//
// A reusable Scratch (`new Scratch(true)`) goes further: it carves every array, however small, from
// buffers sized to what its first Block asked for, remembers them, and after `rewind()` hands the same
// arrays out again in the same order, zeroed — so a Block of a layout seen before allocates nothing
// for its working arrays (block.ts keeps one per layout for the synchronous passes of simulate.ts).

/** Buffers smaller than this are not worth carving (V8 keeps them in the heap: cheap already). */
const ON_HEAP_BYTES = 64;
/** Size of a shared buffer; a larger request gets a buffer of its own size. */
const CHUNK_BYTES = 32 * 1024;
/** Size of the first buffer of a reusable Scratch (the checker's blocks of three runs need ~4 KB). */
const REUSABLE_CHUNK_BYTES = 8 * 1024;

export class Scratch {
    private buffer: ArrayBuffer | undefined;
    private used = 0;
    /** The arrays handed out, in order (a reusable Scratch only); `next` is the one `rewind` hands out again next. */
    private readonly kept: (Float64Array | Int32Array)[] | undefined;
    private next = 0;
    /** After the first rewind: the used part of every buffer, as numbers to zero on each rewind. */
    private regions: Float64Array[] | undefined;
    /** Buffers left behind for a larger one, with the bytes used of each (a reusable Scratch). */
    private readonly full: { buffer: ArrayBuffer; used: number }[] = [];

    constructor(reusable = false) {
        this.kept = reusable ? [] : undefined;
    }

    f64(length: number): Float64Array {
        if (this.regions !== undefined) {
            const a = this.kept![this.next++];
            if (!(a instanceof Float64Array) || a.length !== length) throw new Error('scratch: replayed a different layout');
            return a;
        }
        if (this.kept === undefined && length * 8 <= ON_HEAP_BYTES) return new Float64Array(length);
        const a = new Float64Array(this.carve(length * 8), this.used - length * 8, length);
        this.kept?.push(a);
        return a;
    }

    i32(length: number): Int32Array {
        if (this.regions !== undefined) {
            const a = this.kept![this.next++];
            if (!(a instanceof Int32Array) || a.length !== length) throw new Error('scratch: replayed a different layout');
            return a;
        }
        if (this.kept === undefined && length * 4 <= ON_HEAP_BYTES) return new Int32Array(length);
        const bytes = Math.ceil(length / 2) * 8; // 8-byte steps keep every Float64Array view aligned
        const a = new Int32Array(this.carve(bytes), this.used - bytes, length);
        this.kept?.push(a);
        return a;
    }

    /**
     * Hands out the remembered arrays again, from the first, every one of them zeroed (a reusable
     * Scratch; the arrays handed out before must no longer be in use). A Scratch that has been rewound
     * carves nothing new: its Blocks must ask for the same arrays in the same order.
     */
    rewind(): void {
        if (this.kept === undefined) throw new Error('scratch: rewind of a Scratch that keeps nothing');
        if (this.regions === undefined) {
            this.regions = this.full.map((x) => new Float64Array(x.buffer, 0, x.used / 8));
            if (this.buffer && this.used > 0) this.regions.push(new Float64Array(this.buffer, 0, this.used / 8));
        }
        const regions = this.regions;
        for (let i = 0; i < regions.length; i++) regions[i].fill(0);
        this.next = 0;
    }

    /** A buffer with `bytes` free at `used`, and `used` moved past them. */
    private carve(bytes: number): ArrayBuffer {
        if (!this.buffer || this.used + bytes > this.buffer.byteLength) {
            if (this.kept !== undefined && this.buffer && this.used > 0) this.full.push({ buffer: this.buffer, used: this.used });
            this.buffer = new ArrayBuffer(Math.max(bytes, this.kept !== undefined ? REUSABLE_CHUNK_BYTES : CHUNK_BYTES));
            this.used = 0;
        }
        this.used += bytes;
        return this.buffer;
    }
}
