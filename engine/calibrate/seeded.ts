// A generator for the fit's own draws (and the synthetic data of its tests): the user's seed is
// scrambled (a 32-bit integer hash, after Chris Wellons' "lowbias32") and the first outputs are
// discarded, because xoroshiro128+ started from nearby small seeds gives visibly correlated first
// draws (seeds 1000, 1001, 1002 … produce almost the same first normals).
import { hash32, Random } from '../random.js';

/** The seed scramble (the engine's 32-bit hash, random.ts). */
export const mixSeed = hash32;

export function seededRandom(seed: number): Random {
    const rng = Random.fromSeed(mixSeed(seed));
    for (let i = 0; i < 64; i++) rng.uniform();
    return rng;
}
