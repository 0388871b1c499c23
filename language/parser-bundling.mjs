// How the shipped bundles build the parser (esbuild plugins, used by esbuild.mjs and by
// bench/language-ab.ts, which must bundle this tree as users run it).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

// The bundles build the parser in Langium's production mode: Chevrotain skips its grammar
// self-checks (ambiguities, left recursion…), ~40 % of building the parser at every start. Those
// checks still run wherever the sources run unbundled (vitest, tsx): the grammar cannot go bad
// unnoticed, and a grammar that passes them parses the same in both modes.
export const productionParser = {
    name: 'production-parser',
    setup(build) {
        build.onLoad({ filter: /language[\\/]generated[\\/]module\.ts$/ }, async (args) => {
            const text = await fs.promises.readFile(args.path, 'utf8');
            if (!text.includes("mode: 'development'")) throw new Error(`${args.path}: no "mode: 'development'" to switch to production`);
            return { contents: text.replace("mode: 'development'", "mode: 'production'"), loader: 'ts' };
        });
    },
};

// Langium's parser builder (parser-builder-base.js) wraps every alternatives, `*`, `+` and `?` of the
// grammar in a function that, on each call while parsing, allocates a fresh array of alternatives or
// an options object and a closure per choice, only to pass the rule's parameters down (and each rule
// call a new empty parameters object, each group a closure for forEach). Our grammar
// has no rule parameters (the patched createParser refuses a grammar that has any), so the parameters are always an empty object and each of
// those callbacks can be built once: ~25 % of what a parse allocates, 4–10 % of parse+validate.
// The unbundled sources (vitest, tsx) run Langium as published; test/language/parser-bundling.test.ts
// parses every example both ways and compares the trees.
const REUSED_CALLBACKS = [
    [
        `export function createParser(grammar, parser, tokens) {`,
        `export function createParser(grammar, parser, tokens) {
    const withParameters = grammar.rules.find((rule) => rule.parameters?.length > 0);
    if (withParameters) {
        throw new Error(\`rule \${withParameters.name} has parameters: the bundle's parser callbacks assume none (language/parser-bundling.mjs)\`);
    }`,
    ],
    [
        `const predicate = ruleCall.arguments.length > 0 ? buildRuleCallPredicate(rule, ruleCall.arguments) : () => ({});`,
        `const predicate = ruleCall.arguments.length > 0 ? buildRuleCallPredicate(rule, ruleCall.arguments) : () => NO_ARGS;`,
    ],
    [`return (args) => methods.forEach(method => method(args));`, `return (args) => {\n        for (const method of methods) method(args);\n    };`],
    [
        `return (args) => ctx.parser.alternatives(idx, methods.map(method => {
            const alt = {
                ALT: () => method.ALT(args)
            };
            const gate = method.GATE;
            if (gate) {
                alt.GATE = () => gate(args);
            }
            return alt;
        }));`,
        `const alts = methods.map(method => {
            const alt = {
                ALT: () => method.ALT(NO_ARGS)
            };
            const gate = method.GATE;
            if (gate) {
                alt.GATE = () => gate(NO_ARGS);
            }
            return alt;
        });
        return () => ctx.parser.alternatives(idx, alts);`,
    ],
    [
        `return (args) => ctx.parser.many(idx, {
            DEF: () => method(args),
            GATE: gate ? () => gate(args) : undefined
        });`,
        `const options = { DEF: () => method(NO_ARGS), GATE: gate ? () => gate(NO_ARGS) : undefined };
        return () => ctx.parser.many(idx, options);`,
    ],
    [
        `return (args) => ctx.parser.atLeastOne(idx, {
                DEF: () => method(args),
            });`,
        `const options = { DEF: () => method(NO_ARGS) };
            return () => ctx.parser.atLeastOne(idx, options);`,
    ],
    [
        `return (args) => ctx.parser.optional(idx, {
            DEF: () => method(args),
            GATE: gate ? () => gate(args) : undefined
        });`,
        `const options = { DEF: () => method(NO_ARGS), GATE: gate ? () => gate(NO_ARGS) : undefined };
        return () => ctx.parser.optional(idx, options);`,
    ],
];

export const reusedParserCallbacks = {
    name: 'reused-parser-callbacks',
    setup(build) {
        build.onLoad({ filter: /[\\/]langium[\\/]lib[\\/]parser[\\/]parser-builder-base\.js$/ }, async (args) => {
            let text = await fs.promises.readFile(args.path, 'utf8');
            for (const [from, to] of REUSED_CALLBACKS) {
                if (!text.includes(from)) throw new Error(`langium changed: ${args.path} no longer has\n${from}\n(see language/parser-bundling.mjs)`);
                text = text.replace(from, to);
            }
            return { contents: `const NO_ARGS = Object.freeze({});\n${text}`, loader: 'js' };
        });
    },
};

// Langium's parser ends every parse with AstUtils.linkContentToContainer(root, { deep: true }), which
// allocates an Object.entries array per node and a closure per array. The bundles call
// language/ast-list.ts's linkParsedTree instead: the same links in the same walk, and the node list
// kept for the build phases (allNodes), so they do not walk the tree again. The unbundled sources keep
// Langium's; test/language/parser-bundling.test.ts compares the containers both ways.
const AST_LIST = fileURLToPath(new URL('./ast-list.ts', import.meta.url));
const LINKED_IN_ONE_WALK = [
    [
        `import { assignMandatoryProperties, getContainerOfType, linkContentToContainer } from '../utils/ast-utils.js';`,
        `import { assignMandatoryProperties, getContainerOfType } from '../utils/ast-utils.js';\nimport { linkParsedTree } from ${JSON.stringify(AST_LIST)};`,
    ],
    [`linkContentToContainer(result, { deep: true });`, `linkParsedTree(result);`],
];

export const linkedInOneWalk = {
    name: 'linked-in-one-walk',
    setup(build) {
        build.onLoad({ filter: /[\\/]langium[\\/]lib[\\/]parser[\\/]langium-parser\.js$/ }, async (args) => {
            let text = await fs.promises.readFile(args.path, 'utf8');
            for (const [from, to] of LINKED_IN_ONE_WALK) {
                if (!text.includes(from)) throw new Error(`langium changed: ${args.path} no longer has\n${from}\n(see language/parser-bundling.mjs)`);
                text = text.replace(from, to);
            }
            if (text.includes('linkContentToContainer'))
                throw new Error(`${args.path}: linkContentToContainer is still called (see language/parser-bundling.mjs)`);
            return { contents: text, loader: 'js' };
        });
    },
};

/** Every parser plugin the shipped bundles are built with, in order (esbuild.mjs, the benches). */
export const shippedParserPlugins = [productionParser, reusedParserCallbacks, linkedInOneWalk];
