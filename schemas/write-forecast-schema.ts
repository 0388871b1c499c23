// Writes schemas/forecast.schema.json from the zod types in engine/forecast-schema.ts.
// Run with `node --import tsx schemas/write-forecast-schema.ts`;
// test/engine/forecast.test.ts fails when the shipped file is out of date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { forecastJsonSchema } from '../engine/forecast-schema.js';

const target = fileURLToPath(new URL('./forecast.schema.json', import.meta.url));
writeFileSync(target, JSON.stringify(forecastJsonSchema(), null, 2) + '\n');
console.log(`wrote ${target}`);
