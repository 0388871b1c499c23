/** One benchmark figure, as printed by `npm run bench` and recorded in BENCHMARKS.md. */
export interface Figure {
    name: string;
    value: number;
    unit: string;
}
