// Working arrays of a Block carved from a few shared ArrayBuffers. A typed array of more than 8
// numbers gets its own off-heap buffer, which costs ~0.5–3 µs to allocate (a Block has ~80 of them:
// most of what building one cost — the checker builds one per community, three runs wide, and the
// calibration one per evaluation); a view on an existing buffer costs ~0.05 µs. Each region is
// handed out once, from a buffer that starts zeroed, so every array starts at 0 as `new` would.
// Arrays that leave the Block (the results the pool moves to the main thread by their buffers) are
// allocated on their own, never here.

/** Buffers smaller than this are not worth carving (V8 keeps them in the heap: cheap already). */
const ON_HEAP_BYTES = 64;
/** Size of a shared buffer; a larger request gets a buffer of its own size. */
const CHUNK_BYTES = 32 * 1024;

export class Scratch {
    private buffer: ArrayBuffer | undefined;
    private used = 0;

    f64(length: number): Float64Array {
        if (length * 8 <= ON_HEAP_BYTES) return new Float64Array(length);
        return new Float64Array(this.carve(length * 8), this.used - length * 8, length);
    }

    i32(length: number): Int32Array {
        if (length * 4 <= ON_HEAP_BYTES) return new Int32Array(length);
        const bytes = Math.ceil(length / 2) * 8; // 8-byte steps keep every Float64Array view aligned
        return new Int32Array(this.carve(bytes), this.used - bytes, length);
    }

    /** A buffer with `bytes` free at `used`, and `used` moved past them. */
    private carve(bytes: number): ArrayBuffer {
        if (!this.buffer || this.used + bytes > this.buffer.byteLength) {
            this.buffer = new ArrayBuffer(Math.max(bytes, CHUNK_BYTES));
            this.used = 0;
        }
        this.used += bytes;
        return this.buffer;
    }
}
