#!/usr/bin/env node
/**
 * `trame`: the command line over the same engine as the server and the web app.
 *   trame evaluate BUNDLE RESPONSES [--out FILE]   → a trame-results/1 document
 *   trame validate BUNDLE [--json]                 → errors, or the coverage report
 *   trame convert FORM.xlsx [--out bundle.json]    → a bundle from an XLSForm or a design workbook
 *   trame convert BUNDLE.json --out design.xlsx    → the design workbook of a bundle
 *   trame template --out design.xlsx               → a blank design workbook
 * Exit 0 on success, 1 on invalid input (message on stderr, nothing on stdout), 2 on bad usage.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseBundle, type ValidBundle } from '../bundle/validate.js';
import { evaluate } from '../engine/evaluate.js';
import {
  blankDesignWorkbook,
  importEvaluationFile,
  parseJsonDocument,
  readResponsesFile,
  writeDesignWorkbook,
} from '../node/index.js';
import type { ValidationIssue } from '../types.js';

const USAGE = `Usage :
  trame evaluate BUNDLE RESPONSES [--out FICHIER]
      Calcule les indicateurs (document trame-results/1) ; RESPONSES en .json, .csv ou .xlsx.
  trame validate BUNDLE [--json]
      Vérifie un bundle trame-bundle/1 et affiche le rapport de couverture.
  trame convert FORMULAIRE.xlsx [--out BUNDLE.json | --out CLASSEUR.xlsx]
      Convertit un XLSForm (KoboToolbox, ODK) ou un classeur de conception en bundle (ou en
      classeur de conception) ; ce qui ne se traduit pas est signalé par des avertissements.
  trame convert BUNDLE.json --out CLASSEUR.xlsx
      Écrit le classeur de conception d’un bundle (XLSForm + référentiel, segments, données internes).
  trame template --out CLASSEUR.xlsx
      Écrit un classeur de conception vierge.
Codes de sortie : 0 succès, 1 données invalides, 2 mauvaise utilisation.`;

class InputError extends Error {}
class UsageError extends Error {}

function report(file: string, issues: ValidationIssue[], outcome = 'rien n’a été calculé'): never {
  const lines = issues.map((i) => `${basename(file)}: ${i.path}: ${i.message}`);
  throw new InputError(`${lines.join('\n')}\n${issues.length} erreur(s) : ${outcome}.`);
}

async function loadBundle(file: string): Promise<ValidBundle> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file} : fichier illisible (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const json = parseJsonDocument(text);
  if (!json.ok) throw new InputError(`${basename(file)}: ${json.errors[0]!.message}`);
  const parsed = parseBundle(json.value);
  if (!parsed.ok) report(file, parsed.errors);
  return parsed.value;
}

interface Args {
  positional: string[];
  out?: string;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { positional: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--out' || a === '-o') {
      const v = argv[++i];
      if (!v) throw new UsageError('--out attend un nom de fichier');
      args.out = v;
    } else if (a.startsWith('--out=')) args.out = a.slice(6);
    else if (a === '--json') args.json = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`option inconnue : ${a}`);
    else args.positional.push(a);
  }
  return args;
}

/** Writes next to the target then renames: never a half-written file. */
async function writeAtomically(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    throw new InputError(`${file} : fichier illisible (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

async function convert(args: Args): Promise<string | null> {
  if (args.positional.length !== 1) throw new UsageError('convert attend un fichier (.xlsx ou .json)');
  const input = args.positional[0]!;
  const toWorkbook = /\.json$/i.test(input);
  if (toWorkbook) {
    if (!args.out || !/\.xlsx$/i.test(args.out)) throw new UsageError('convert BUNDLE.json attend --out CLASSEUR.xlsx');
    const { bundle } = await loadBundle(input);
    await writeAtomically(args.out, await writeDesignWorkbook(bundle));
    return null;
  }
  const imported = await importEvaluationFile(basename(input), await readInput(input));
  if (!imported.ok) report(input, imported.errors, 'rien n’a été converti');
  const { bundle, warnings } = imported.value;
  if (warnings.length) {
    const lines = warnings.map((w) => `${basename(input)}: ${w.path}: ${w.message}`);
    process.stderr.write(
      `${lines.join('\n')}\n${warnings.length} avertissement(s) : ces éléments n’ont pas été repris tels quels.\n`,
    );
  }
  // An XLSForm to a design workbook: the same questionnaire with Trame's sheets added.
  if (args.out && /\.xlsx$/i.test(args.out)) {
    await writeAtomically(args.out, await writeDesignWorkbook(bundle));
    return null;
  }
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  if (!args.out) return text;
  await writeAtomically(args.out, text);
  return null;
}

async function run(argv: string[]): Promise<string | null> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return USAGE;
  const args = parseArgs(rest);
  if (command === 'evaluate') {
    if (args.positional.length !== 2) throw new UsageError('evaluate attend BUNDLE et RESPONSES');
    const [bundleFile, responsesFile] = args.positional as [string, string];
    const { bundle } = await loadBundle(bundleFile);
    let responses;
    try {
      responses = await readResponsesFile(bundle, responsesFile);
    } catch (e) {
      throw new InputError(
        `${responsesFile} : fichier illisible (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
    if (!responses.ok) report(responsesFile, responses.errors);
    const text = `${JSON.stringify(evaluate(bundle, responses.value), null, 2)}\n`;
    if (!args.out) return text;
    await writeAtomically(args.out, text); // never a half-written results file
    return null;
  }
  if (command === 'convert') return convert(args);
  if (command === 'template') {
    if (args.positional.length !== 0 || !args.out) throw new UsageError('template attend --out CLASSEUR.xlsx');
    await writeAtomically(args.out, await blankDesignWorkbook());
    return null;
  }
  if (command === 'validate') {
    if (args.positional.length !== 1) throw new UsageError('validate attend BUNDLE');
    const { bundle, coverage } = await loadBundle(args.positional[0]!);
    if (args.json) return `${JSON.stringify({ valid: true, coverage }, null, 2)}\n`;
    const indicators = bundle.framework.dimensions.reduce(
      (n, d) => n + d.criteria.reduce((m, c) => m + c.indicators.length, 0),
      0,
    );
    const lines = [
      `Bundle valide : « ${bundle.title} » (${bundle.framework.dimensions.length} dimensions, ${indicators} indicateurs).`,
      '',
      'Rapport de couverture',
    ];
    const section = (title: string, items: string[]) => {
      lines.push(`- ${title} : ${items.length === 0 ? 'aucun' : items.length}`);
      for (const it of items) lines.push(`    ${it}`);
    };
    section(
      'critères sans indicateur',
      coverage.criteriaWithoutIndicators.map((c) => `${c.code} ${c.title ?? ''} (${c.path})`),
    );
    section(
      'indicateurs sans question (données internes, ratios)',
      coverage.indicatorsWithoutQuestion.map((c) => `${c.code} ${c.title ?? ''}`),
    );
    section(
      'questions qui ne nourrissent aucun indicateur',
      coverage.questionsWithoutIndicator.map((q) => `${q.name}${q.freeText ? ' (texte libre : verbatims)' : ''}`),
    );
    section(
      'avertissements',
      coverage.warnings.map((w) => `${w.path}: ${w.message}`),
    );
    return `${lines.join('\n')}\n`;
  }
  throw new UsageError(`commande inconnue : ${command}`);
}

run(process.argv.slice(2)).then(
  (out) => {
    if (out) process.stdout.write(out);
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`trame : ${e.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (e instanceof InputError) {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`trame : erreur inattendue : ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    }
  },
);
