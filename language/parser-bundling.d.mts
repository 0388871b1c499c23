import type { Plugin } from 'esbuild';
export declare const productionParser: Plugin;
export declare const reusedParserCallbacks: Plugin;
export declare const linkedInOneWalk: Plugin;
export declare const shippedParserPlugins: Plugin[];
