import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `trame convert` and `trame template`, run as a user runs them: the built CLI in a child process. */
const root = process.cwd();
const cli = join(root, 'shared/dist/cli/main.js');
const forms = join(root, 'test/fixtures/xlsform');
const coopart = join(root, 'test/fixtures/coopart/bundle.json');
const tmp = mkdtempSync(join(tmpdir(), 'trame-convert-'));

function trame(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('trame convert', () => {
  it('an XLSForm to a bundle: the warnings in French on stderr, exit 0', () => {
    const out = join(tmp, 'menage.json');
    const r = trame('convert', join(forms, 'kobo-menage.xlsx'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'kobo-menage.xlsx: feuille « survey », ligne 8, colonne « type » (A): type « geopoint » non pris en charge',
    );
    expect(r.stderr).toContain('3 avertissement(s)');
    const bundle = JSON.parse(readFileSync(out, 'utf8'));
    expect(bundle.format).toBe('trame-bundle/1');
    expect(trame('validate', out).code).toBe(0);
  });

  it('a broken XLSForm: every error by sheet, row and column, exit 1, no file', () => {
    const out = join(tmp, 'erreurs.json');
    const r = trame('convert', join(forms, 'erreurs.xlsx'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('erreurs.xlsx: feuille « survey », ligne 5, colonne « name » (B): nom « q2 » en double');
    expect(r.stderr).toContain('3 erreur(s) : rien n’a été converti.');
    expect(existsSync(out)).toBe(false);
  });

  it('a bundle to its design workbook and back gives the same bundle', () => {
    const xlsx = join(tmp, 'coopart.xlsx');
    expect(trame('convert', coopart, '--out', xlsx)).toEqual({ code: 0, stdout: '', stderr: '' });
    const back = trame('convert', xlsx);
    expect([back.code, back.stderr]).toEqual([0, '']);
    const original = JSON.parse(readFileSync(coopart, 'utf8'));
    expect(JSON.parse(back.stdout)).toEqual(original);
  });

  it('an XLSForm to a design workbook, which reads back to the same bundle', () => {
    const xlsx = join(tmp, 'menage-conception.xlsx');
    const r = trame('convert', join(forms, 'odk-simple.xlsx'), '--out', xlsx);
    expect(r.code).toBe(0);
    const direct = JSON.parse(trame('convert', join(forms, 'odk-simple.xlsx')).stdout);
    const back = trame('convert', xlsx);
    expect([back.code, back.stderr]).toEqual([0, '']);
    expect(JSON.parse(back.stdout)).toEqual(direct);
  });

  it('a bundle needs --out FILE.xlsx; a blank template is written with `template`', () => {
    expect(trame('convert', coopart).code).toBe(2);
    const blank = join(tmp, 'vierge.xlsx');
    expect(trame('template', '--out', blank).code).toBe(0);
    expect(readFileSync(blank).subarray(0, 2).toString()).toBe('PK');
  });
});
