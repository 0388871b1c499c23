// A stable digest of a string, for identifiers that must not change between runs: calendar UIDs
// (engine/schedule.ts, engine/ics.ts) and SARIF fingerprints (cli/format-sarif.ts). A file of its own
// so that `community check`, which needs only the fingerprint, does not bundle engine/schedule.ts with
// the rrule-temporal expansion it imports (~190 KB that the CLI's startup snapshot would deserialize at
// every start; BENCHMARKS.md, thirteenth session).

/** A stable 128-bit hex digest of a string (two independent 64-bit FNV-1a lanes). Not cryptographic. */
export function stableHash(text: string): string {
    const bytes = new TextEncoder().encode(text);
    let a = 0xcbf29ce484222325n;
    let b = 0x84222325cbf29ce4n;
    const prime = 0x100000001b3n;
    const mask = 0xffffffffffffffffn;
    for (const byte of bytes) {
        a = ((a ^ BigInt(byte)) * prime) & mask;
        b = ((b ^ BigInt(byte ^ 0x5c)) * prime) & mask;
    }
    return a.toString(16).padStart(16, '0') + b.toString(16).padStart(16, '0');
}
