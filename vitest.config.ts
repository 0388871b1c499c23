import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        exclude: ['test/e2e/**', 'node_modules/**'],
        testTimeout: 60_000,
        hookTimeout: 120_000,
        pool: 'forks',
        // One worker per core: vitest's default leaves one core idle, which on a 2-core machine ran
        // every suite one after another (half of `npm test` was one core waiting).
        maxWorkers: '100%',
    },
});
