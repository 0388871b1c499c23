// "Did you mean …?": the closest known word to a misspelt one, by edit distance.

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive. */
export function editDistance(a: string, b: string): number {
    const s = [...a.toLowerCase()];
    const t = [...b.toLowerCase()];
    const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...new Array<number>(t.length).fill(0)]);
    for (let j = 1; j <= t.length; j++) d[0][j] = j;
    for (let i = 1; i <= s.length; i++) {
        for (let j = 1; j <= t.length; j++) {
            const cost = s[i - 1] === t[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[s.length][t.length];
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely slip: at most one edit for
 * short words, up to a third of the length for longer ones. Ties go to the first candidate.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
    const limit = Math.max(1, Math.floor([...word].length / 3));
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
        if (c === word) continue;
        const dist = editDistance(word, c);
        if (dist <= limit && dist < bestDistance) {
            best = c;
            bestDistance = dist;
        }
    }
    return best;
}
