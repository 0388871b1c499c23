import type { Plugin } from 'esbuild';
export declare const productionParser: Plugin;
export declare const reusedParserCallbacks: Plugin;
