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
    let before = new Array<number>(t.length + 1).fill(0);
    let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
    let row = new Array<number>(t.length + 1).fill(0);
    for (let i = 1; i <= s.length; i++) {
        row[0] = i;
        let least = i;
        for (let j = 1; j <= t.length; j++) {
            const cost = s[i - 1] === t[j - 1] ? 0 : 1;
            let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2] + 1);
            row[j] = d;
            if (d < least) least = d;
        }
        // Later rows never go below the smallest cell of this one (but a transposition may use the
        // row before, hence the + 1).
        if (least > bound + 1) return least;
        [before, prev, row] = [prev, row, before];
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
