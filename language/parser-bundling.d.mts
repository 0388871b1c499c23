import type { Plugin } from 'esbuild';
export declare const productionParser: Plugin;
export declare const reusedParserCallbacks: Plugin;
export declare function hasRuleParameters(grammarText: string): boolean;
