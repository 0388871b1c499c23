// `community format [--keywords en|zh] [--punctuation half|full|keep] [--write] <plans…>`: rewrites plans in English or Chinese
// keywords (language/keyword-style.ts) and canonical punctuation (language/punctuation.ts), keeping comments and layout. One file goes to stdout;
// --write replaces each file in place (temporary file, then rename). A file with syntax errors is
// left alone: its errors are printed and the command exits 1.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { EmptyFileSystem } from 'langium';
import { formatMessage } from '../../engine/diagnostics.js';
import { createCommunityServices } from '../../language/community-module.js';
import { convertKeywords, type KeywordStyle } from '../../language/keyword-style.js';
import { convertPunctuation, PUNCTUATION_STYLES, type PunctuationStyle } from '../../language/punctuation.js';
import { tidySyntaxMessage } from '../../language/validation/document-validator.js';
import { said, UsageError } from '../errors.js';
import { expandInputs, readPlanText } from '../files.js';
import { langOption, resolveLang, type CommonOptions } from '../options.js';
import { oneLine } from '../report.js';
import { showPath } from '../workspace.js';

interface FormatOptions extends CommonOptions {
    keywords?: KeywordStyle;
    punctuation?: PunctuationStyle;
    write?: boolean;
}

export function registerFormat(program: Command): void {
    program
        .command('format')
        .description('rewrite plans with English or Chinese keywords, keeping comments and layout')
        .argument('<plans...>', '.community files, folders or globs')
        .addOption(new Option('--keywords <style>', "keyword style to write (default: keep each file's)").choices(['en', 'zh']))
        .addOption(
            new Option('--punctuation <style>', 'punctuation to write: half (ASCII), full (，：～ ￥ “…” full-width) or keep (default)').choices([
                ...PUNCTUATION_STYLES,
            ]),
        )
        .option('--write', 'replace the files instead of printing the result')
        .addOption(langOption())
        .action((inputs: string[], options: FormatOptions) => {
            const lang = resolveLang(options.lang);
            const files = expandInputs(inputs);
            if (files.length > 1 && !options.write) throw new UsageError(said('cli.format-many', { count: files.length }));
            const { Community } = createCommunityServices({ ...EmptyFileSystem });
            let failed = false;
            for (const file of files) {
                const shown = showPath(file);
                const read = readPlanText(file, shown);
                if (read.text === undefined) throw new UsageError(said('cli.format-too-large', { file: shown, bytes: read.tooLarge.toLocaleString('en-US') }));
                const text = read.text;
                const converted = options.keywords ? convertKeywords(text, options.keywords, Community) : { text, errors: syntaxErrors(text, Community) };
                // Punctuation after keywords: a file with syntax errors is left alone either way.
                const result =
                    options.punctuation && converted.errors.length === 0
                        ? { ...converted, text: convertPunctuation(converted.text, options.punctuation, Community) }
                        : converted;
                if (result.errors.length > 0) {
                    failed = true;
                    for (const e of result.errors) {
                        const message = formatMessage('syntax-error', { detail: tidySyntaxMessage(e.message, lang) }, lang);
                        process.stdout.write(`${shown}:${e.line}:${e.column} - error syntax-error: ${oneLine(message)}\n`);
                    }
                    continue;
                }
                if (!options.write) {
                    process.stdout.write(result.text);
                } else if (result.text !== text) {
                    const temp = `${file}.${process.pid}.tmp`;
                    try {
                        writeFileSync(temp, result.text);
                        renameSync(temp, file);
                    } catch (e) {
                        rmSync(temp, { force: true });
                        throw new UsageError(`cannot write "${shown}": ${(e as NodeJS.ErrnoException).code ?? 'write failed'}.`);
                    }
                }
            }
            process.exitCode = failed ? 1 : 0;
        });
}

function syntaxErrors(text: string, services: Parameters<typeof convertKeywords>[2]) {
    return convertKeywords(text, 'en', services).errors;
}
