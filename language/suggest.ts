// "Did you mean …?": the closest known word to a misspelt one, by edit distance. Bounded so that a
// hostile word cannot stall the checker or the server: words longer than MAX_SUGGEST_CHARS get no
// suggestion, candidates whose length differs by more than the allowed distance are skipped, and
// the distance uses three rows of memory, not a full matrix.

/** Longest word "did you mean" looks at: far above any keyword or name a strategist types. */
export const MAX_SUGGEST_CHARS = 64;

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive. */
export function editDistance(a: string, b: string): number {
    return distance([...a.toLowerCase()], [...b.toLowerCase()]);
}

/** The distance, or any number above `bound` as soon as every cell of a row is above it. */
function distance(s: string[], t: string[], bound = Infinity): number {
    // Rows i-2, i-1 and i of the usual matrix.
    let before = new Int32Array(t.length + 1);
    let prev = new Int32Array(t.length + 1);
    let row = new Int32Array(t.length + 1);
    for (let j = 0; j <= t.length; j++) prev[j] = j;
    for (let i = 1; i <= s.length; i++) {
        row[0] = i;
        let least = i;
        const si = s[i - 1];
        for (let j = 1; j <= t.length; j++) {
            const tj = t[j - 1];
            let d = prev[j - 1] + (si === tj ? 0 : 1);
            if (prev[j] + 1 < d) d = prev[j] + 1;
            if (row[j - 1] + 1 < d) d = row[j - 1] + 1;
            if (i > 1 && j > 1 && si === t[j - 2] && s[i - 2] === tj && before[j - 2] + 1 < d) d = before[j - 2] + 1;
            row[j] = d;
            if (d < least) least = d;
        }
        // Later rows never go below the smallest cell of this one (but a transposition may use the
        // row before, hence the + 1).
        if (least > bound + 1) return least;
        const spare = before;
        before = prev;
        prev = row;
        row = spare;
    }
    return prev[t.length];
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely slip: at most one edit for
 * short words, up to a third of the length for longer ones. Ties go to the first candidate.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
    // A character is at most two UTF-16 units: refuse long words before copying them.
    if (word.length > 2 * MAX_SUGGEST_CHARS) return undefined;
    const chars = [...word.toLowerCase()];
    if (chars.length > MAX_SUGGEST_CHARS) return undefined;
    const limit = Math.max(1, Math.floor(chars.length / 3));
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
        if (c === word) continue;
        // The distance is at least the difference in length: skip what cannot be close enough.
        const other = [...c.toLowerCase()];
        if (Math.abs(other.length - chars.length) > Math.min(limit, bestDistance - 1)) continue;
        const dist = distance(chars, other, Math.min(limit, bestDistance));
        if (dist <= limit && dist < bestDistance) {
            best = c;
            bestDistance = dist;
        }
    }
    return best;
}
