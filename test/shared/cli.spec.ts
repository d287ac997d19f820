import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/** The `trame` command line, run as a user runs it: the built CLI in a child process. */
const root = process.cwd();
const cli = join(root, 'shared/dist/cli/main.js');
const fixture = join(root, 'test/fixtures/coopart');
const expected = JSON.parse(readFileSync(join(fixture, 'expected-results.json'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'trame-cli-'));

function trame(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sameFigures(results: {
  indicators: { code: string; rounded?: number | null; numerator?: number; denominator?: number }[];
}) {
  const pick = (i: { code: string; rounded?: number | null; numerator?: number; denominator?: number }) => [
    i.code,
    i.rounded,
    i.numerator,
    i.denominator,
  ];
  expect(results.indicators.map(pick)).toEqual(expected.indicators.map(pick));
}

describe('trame CLI', () => {
  it('is built', () => expect(existsSync(cli)).toBe(true));

  it.each(['responses.json', 'responses.csv'])('evaluates the Coop’Art bundle on %s', (file) => {
    const r = trame('evaluate', join(fixture, 'bundle.json'), join(fixture, file));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(results.format).toBe('trame-results/1');
    expect(results.respondents).toEqual(expected.respondents);
    sameFigures(results);
  });

  it('evaluates an XLSX responses file and writes --out', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Réponses');
    const lines = readFileSync(join(fixture, 'responses.csv'), 'utf8').trim().split('\n');
    for (const line of lines)
      ws.addRow(line.split(';').map((c) => (c === '' ? null : /^\d+$/.test(c) ? Number(c) : c)));
    const xlsx = join(tmp, 'responses.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const out = join(tmp, 'results.json');
    const r = trame('evaluate', join(fixture, 'bundle.json'), xlsx, '--out', out);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    sameFigures(JSON.parse(readFileSync(out, 'utf8')));
  });

  it('refuses an invalid bundle: exit 1, the path on stderr, nothing on stdout', () => {
    const bundle = JSON.parse(readFileSync(join(fixture, 'bundle.json'), 'utf8'));
    bundle.framework.dimensions[0].criteria[1].indicators[0].question = 'renforce';
    const file = join(tmp, 'bad-bundle.json');
    writeFileSync(file, JSON.stringify(bundle));
    const r = trame('evaluate', file, join(fixture, 'responses.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'framework.dimensions[0].criteria[1].indicators[0].question: question inconnue « renforce »',
    );
  });

  it('refuses a bad CSV row with its row and column', () => {
    const csv = readFileSync(join(fixture, 'responses.csv'), 'utf8').split('\n');
    csv[3] = csv[3]!.replace(/^associe;/, 'sociétaire;').replace(/^non_associe;/, 'sociétaire;');
    const file = join(tmp, 'bad.csv');
    writeFileSync(file, csv.join('\n'));
    const r = trame('evaluate', join(fixture, 'bundle.json'), file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.csv: ligne 4, colonne « statut » (A): valeur « sociétaire » absente des choix');
  });

  it('refuses impossible answers in a JSON file: exit 1, the response and the question named', () => {
    const responses = JSON.parse(readFileSync(join(fixture, 'responses.json'), 'utf8'));
    const list = Array.isArray(responses) ? responses : responses.responses;
    const data = (i: number) => (Array.isArray(responses) ? list[i] : list[i].data);
    data(2)['statut'] = 'sociétaire';
    data(5)['inconnue'] = 1;
    const file = join(tmp, 'impossible.json');
    writeFileSync(file, JSON.stringify(responses));
    const r = trame('evaluate', join(fixture, 'bundle.json'), file);
    expect([r.code, r.stdout]).toEqual([1, '']);
    const at = (i: number) => (Array.isArray(responses) ? `[${i}]` : `responses[${i}].data`);
    expect(r.stderr).toContain(`impossible.json: ${at(2)}.statut: valeur « sociétaire » absente des choix`);
    expect(r.stderr).toContain(`impossible.json: ${at(5)}.inconnue: question inconnue « inconnue »`);
  });

  it('refuses unreadable JSON and a missing file with exit 1', () => {
    const file = join(tmp, 'broken.json');
    writeFileSync(file, '{"format": ');
    expect(trame('validate', file)).toMatchObject({ code: 1, stdout: '' });
    expect(trame('validate', join(tmp, 'nope.json'))).toMatchObject({ code: 1, stdout: '' });
  });

  it('exits 2 on bad usage', () => {
    expect(trame('evaluate', join(fixture, 'bundle.json')).code).toBe(2);
    expect(trame('frobnicate').code).toBe(2);
    expect(trame('validate', 'a.json', '--nope').code).toBe(2);
    expect(trame('--help')).toMatchObject({ code: 0 });
  });

  it('validates a bundle and prints its coverage report', () => {
    const r = trame('validate', join(fixture, 'bundle.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('critères sans indicateur : 3');
    expect(r.stdout).toContain('commentaire_libre');
    const j = trame('validate', join(fixture, 'bundle.json'), '--json');
    expect(JSON.parse(j.stdout).coverage.criteriaWithoutIndicators).toHaveLength(3);
  });
});
