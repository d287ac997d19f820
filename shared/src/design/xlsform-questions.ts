/**
 * The elements of the XLSForm reader (xlsform.ts): one survey row to one SurveyJS question, with its
 * texts, visibility, required flag, default, constraint and choices; what has no SurveyJS equivalent is
 * left out (or replaced by the closest question) with a warning.
 */
import { parseNumber } from '../responses/number.js';
import {
  ExpressionError,
  xlsformToSurveyjs,
  xlsformToSurveyjsTree,
  writeSurveyjsExpression,
  type Expr,
  type ToSurveyjsContext,
} from './expression.js';
import { boundsOf, METADATA, selfRef, textLengths, UNSUPPORTED, XLSFORM_TYPES, yesNo } from './xlsform-rules.js';
import { cellText, type Row } from './sheet.js';
import { FormState, type Json, type Parsed } from './xlsform-state.js';

export abstract class QuestionReader extends FormState {
  /** Properties every element may have: title, description, visibility, required, read-only. */
  protected common(row: Row, element: Json, ctx: ToSurveyjsContext, opts: { noRequired?: boolean } = {}) {
    const s = this.survey;
    const title = this.texts.text(s, row, 'label');
    if (title !== undefined) element['title'] = title;
    const hint = this.texts.text(s, row, 'hint');
    if (hint !== undefined) element['description'] = hint;
    const visibleIf = this.expression(row, 'relevant', ctx, 'l’élément sera toujours affiché');
    if (visibleIf !== undefined && visibleIf !== 'true') element['visibleIf'] = visibleIf;
    if (!opts.noRequired) {
      const req = row.text(s.column('required'));
      const flag = yesNo(req);
      if (flag === true) element['isRequired'] = true;
      else if (flag === undefined) {
        const requiredIf = this.expression(row, 'required', ctx, 'la réponse ne sera pas obligatoire');
        if (requiredIf !== undefined) element['requiredIf'] = requiredIf;
      }
      const message = this.texts.text(s, row, 'required_message');
      if (message !== undefined) element['requiredErrorText'] = message;
    }
    const ro = row.text(s.column('read_only'));
    if (ro) {
      const flag = yesNo(ro);
      if (flag === true) element['readOnly'] = true;
      else if (flag === undefined) {
        const enableIf = this.expression(row, 'read_only', ctx, 'la question restera modifiable');
        if (enableIf !== undefined) element['enableIf'] = `!(${enableIf})`;
      }
    }
  }

  /** A `calculate` row: a calculated value stored with the answers (ODK stores calculations). */
  protected calculate(row: Row, name: string, ctx: ToSurveyjsContext): null {
    const col = this.survey.column('calculation');
    const calc = this.expression(row, 'calculation', ctx, 'le calcul est abandonné');
    const value: Json = { name, ...(calc === undefined ? {} : { expression: calc }), includeIntoResult: true };
    this.merge(row, value);
    if (typeof value['expression'] === 'string') this.calculated.push(value);
    else if (!row.text(col)) this.warnings.push(row.issue('« calculate » sans « calculation » : ignoré', col));
    return null;
  }

  /** A `hidden` row: its default, as a constant calculated value (a hidden question would be cleared). */
  protected hidden(row: Row, name: string): null {
    const value = row.text(this.survey.column('default'));
    const expression = writeSurveyjsExpression({ k: 'str', v: value });
    this.calculated.push({ name, expression, includeIntoResult: true });
    return null;
  }

  protected repeatCount(row: Row, element: Json) {
    const col = this.survey.column('repeat_count');
    const text = row.text(col);
    if (!text) return;
    const n = parseNumber(text);
    if (n !== undefined && Number.isInteger(n) && n >= 0 && n <= 100) element['panelCount'] = n;
    else
      this.warnings.push(
        row.issue(
          `nombre de répétitions « ${text} » non traduit (SurveyJS ne fixe qu’un nombre) : le répondant ajoute les répétitions`,
          col,
        ),
      );
  }

  protected question(p: Parsed, ctx: ToSurveyjsContext): Json | null {
    const s = this.survey;
    const row = p.row;
    const typeCol = s.column('type');
    const appearance = row
      .text(s.column('appearance'))
      .toLowerCase()
      .split(/\s+/)
      .filter((a) => a);
    const has = (a: string) => appearance.includes(a);
    const el: Json = { type: '', name: p.name };
    let valueKind: 'number' | 'text' | 'multiple' | 'other' = 'text';
    const sj = this.surveyjsColumn && row.text(this.surveyjsColumn);
    // A SurveyJS type that XLSForm lacks, written by Trame's design workbook with its properties.
    const type = sj && /^[a-z]+$/.test(p.type) && !XLSFORM_TYPES.has(p.type) ? 'surveyjs' : p.type;
    switch (type) {
      case 'surveyjs':
        el['type'] = p.type;
        valueKind = 'other';
        break;
      case 'text':
        el['type'] = has('multiline') ? 'comment' : 'text';
        break;
      case 'string':
        el['type'] = 'text';
        break;
      case 'integer':
      case 'int':
        Object.assign(el, { type: 'text', inputType: 'number', step: 1 });
        valueKind = 'number';
        break;
      case 'decimal':
        Object.assign(el, { type: 'text', inputType: 'number' });
        valueKind = 'number';
        break;
      case 'date':
        Object.assign(el, { type: 'text', inputType: 'date' });
        break;
      case 'time':
        Object.assign(el, { type: 'text', inputType: 'time' });
        break;
      case 'datetime':
      case 'datetime-local':
        Object.assign(el, { type: 'text', inputType: 'datetime-local' });
        break;
      case 'note': {
        el['type'] = 'html';
        const html = this.texts.text(s, row, 'label');
        if (html !== undefined) el['html'] = html;
        const visibleIf = this.expression(row, 'relevant', ctx, 'la note sera toujours affichée');
        if (visibleIf !== undefined) el['visibleIf'] = visibleIf;
        this.merge(row, el);
        return el;
      }
      case 'select_one':
      case 'select_multiple':
      case 'rank': {
        const multiple = p.type === 'select_multiple';
        el['type'] =
          p.type === 'rank'
            ? 'ranking'
            : multiple
              ? has('minimal')
                ? 'tagbox'
                : 'checkbox'
              : has('minimal') || has('autocomplete') || has('search')
                ? 'dropdown'
                : 'radiogroup';
        el['choices'] = this.choicesFor(p, ctx);
        if (p.orOther) el['showOtherItem'] = true;
        if (this.parameters(row).get('randomize') === 'true') el['choicesOrder'] = 'random';
        valueKind = multiple || p.type === 'rank' ? 'multiple' : 'other';
        break;
      }
      case 'range': {
        const params = this.parameters(row);
        const start = parseNumber(params.get('start') ?? '1') ?? 1;
        const end = parseNumber(params.get('end') ?? '10') ?? 10;
        const step = parseNumber(params.get('step') ?? '1') ?? 1;
        const count = step > 0 ? Math.floor((end - start) / step) + 1 : 0;
        if (count < 1 || count > 1000) {
          this.warnings.push(
            row.issue('paramètres de « range » incohérents : question ignorée', s.column('parameters')),
          );
          return null;
        }
        if (count <= 11) Object.assign(el, { type: 'rating', rateMin: start, rateMax: end, rateStep: step });
        else Object.assign(el, { type: 'slider', min: start, max: end, step });
        valueKind = 'number';
        break;
      }
      case 'acknowledge':
        Object.assign(el, { type: 'boolean', renderAs: 'checkbox', valueTrue: 'OK' });
        valueKind = 'other';
        break;
      case 'calculate':
      case 'hidden':
        if (this.questions.get(p.name)?.repeat) {
          this.warnings.push(
            row.issue(
              `« ${p.type} » dans une répétition non pris en charge (une valeur par répétition) : « ${p.name} » est ignoré`,
              typeCol,
            ),
          );
          return null;
        }
        if (p.type === 'hidden') return this.hidden(row, p.name);
        return this.calculate(row, p.name, ctx);
      case 'barcode':
        el['type'] = 'text';
        this.warnings.push(
          row.issue(`type « barcode » sans équivalent : « ${p.name} » devient une question texte`, typeCol),
        );
        break;
      case 'from_file':
        this.warnings.push(
          row.issue(
            `choix lus dans un fichier externe (« ${row.text(typeCol)} ») non pris en charge : ${p.name ? `« ${p.name} » est ignorée` : 'ligne ignorée'}`,
            typeCol,
          ),
        );
        return null;
      default: {
        if (METADATA.has(p.type)) {
          this.warnings.push(row.issue(`métadonnée « ${p.type} » ignorée : SurveyJS ne la collecte pas`, typeCol));
          return null;
        }
        const why = UNSUPPORTED.get(p.type);
        if (why) {
          this.warnings.push(
            row.issue(`type « ${p.type} » non pris en charge (${why}) : « ${p.name} » est ignorée`, typeCol),
          );
          return null;
        }
        this.warnings.push(row.issue(`type inconnu « ${row.text(typeCol)} » : « ${p.name} » est ignorée`, typeCol));
        return null;
      }
    }
    this.common(row, el, ctx);
    this.defaultValue(row, el, valueKind, ctx);
    this.constraint(row, el, valueKind === 'number', ctx);
    this.merge(row, el);
    return el;
  }

  protected choicesFor(p: Parsed, ctx: ToSurveyjsContext): Json[] {
    const items = this.lists.get(p.list ?? '') ?? [];
    const filterCol = this.survey.column('choice_filter');
    const filter = p.row.text(filterCol);
    const choiceTable = this.choices;
    let warned = false;
    return items.map((c) => {
      const item: Json = { value: c.value };
      if (c.text !== undefined) item['text'] = c.text;
      if (filter && choiceTable && !warned) {
        try {
          const visibleIf = xlsformToSurveyjs(filter, {
            ...ctx,
            choiceColumn: (name) => {
              if (name === 'name') return c.value;
              const col = choiceTable.column(name);
              if (!col) return undefined;
              const raw = c.row.raw(col);
              return typeof raw === 'number' || typeof raw === 'boolean' ? raw : cellText(raw);
            },
          });
          if (visibleIf !== 'true') item['visibleIf'] = visibleIf;
        } catch (e) {
          if (!(e instanceof ExpressionError)) throw e;
          warned = true;
          this.warnings.push(
            p.row.issue(
              `filtre de choix « ${filter} » non traduit (${e.message}) : tous les choix seront proposés`,
              filterCol,
            ),
          );
        }
      }
      if (c.extra) Object.assign(item, c.extra);
      return item;
    });
  }

  protected defaultValue(row: Row, el: Json, kind: 'number' | 'text' | 'multiple' | 'other', ctx: ToSurveyjsContext) {
    const col = this.survey.column('default');
    const text = row.text(col);
    if (!text) return;
    if (/\$\{|\(/.test(text)) {
      const expr = this.expression(row, 'default', ctx, 'pas de valeur par défaut', text);
      if (expr !== undefined) el['defaultValueExpression'] = expr;
      return;
    }
    if (kind === 'number') {
      const n = parseNumber(text);
      if (n === undefined)
        this.warnings.push(row.issue(`valeur par défaut « ${text} » qui n’est pas un nombre : ignorée`, col));
      else el['defaultValue'] = n;
    } else if (kind === 'multiple') el['defaultValue'] = text.split(/\s+/);
    else {
      // A choice's or a SurveyJS question's default keeps the cell's type (choice values do too).
      const raw = row.raw(col);
      el['defaultValue'] = kind === 'other' && (typeof raw === 'number' || typeof raw === 'boolean') ? raw : text;
    }
  }

  protected constraint(row: Row, el: Json, numeric: boolean, ctx: ToSurveyjsContext) {
    const s = this.survey;
    const col = s.column('constraint');
    const text = row.text(col);
    if (!text) return;
    const message = this.texts.text(s, row, 'constraint_message');
    const regex = /^regex\(\s*\.\s*,\s*(['"])(.*)\1\s*\)$/.exec(text);
    if (regex) {
      el['validators'] = [{ type: 'regex', regex: regex[2], ...(message === undefined ? {} : { text: message }) }];
      return;
    }
    const lengths = textLengths(text);
    if (lengths) {
      el['validators'] = [{ type: 'text', ...lengths, ...(message === undefined ? {} : { text: message }) }];
      return;
    }
    let tree: Expr;
    try {
      tree = xlsformToSurveyjsTree(text, ctx);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      this.warnings.push(
        row.issue(`contrainte « ${text} » non traduite (${e.message}) : elle ne sera pas vérifiée`, col),
      );
      return;
    }
    const bounds = numeric ? boundsOf(tree, selfRef(ctx)) : undefined;
    if (bounds) {
      if (bounds.min !== undefined) el['min'] = bounds.min;
      if (bounds.max !== undefined) el['max'] = bounds.max;
      if (message !== undefined) {
        if (bounds.min !== undefined) el['minErrorText'] = message;
        if (bounds.max !== undefined) el['maxErrorText'] = message;
      }
      return;
    }
    const self = writeSurveyjsExpression({ k: 'var', name: selfRef(ctx) });
    const expression = `${self} empty or (${writeSurveyjsExpression(tree)})`;
    el['validators'] = [{ type: 'expression', expression, ...(message === undefined ? {} : { text: message }) }];
  }
}
