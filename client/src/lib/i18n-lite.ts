/**
 * A 1 KB translation helper for the respondent page. The page has a hard size budget (≤ 450 KB gzip of
 * JavaScript, most of it SurveyJS), so it reads the same kind of nested catalogues as i18next does in
 * the admin app, with the same `{{name}}` interpolation, without shipping i18next (~19 KB gzip).
 */
import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';

export type Catalogue = { [key: string]: string | Catalogue };
export type Lang = 'fr' | 'en';
export type TFunction = (key: string, vars?: Record<string, string | number>) => string;

const LANG_KEY = 'trame:lang';

export function preferredLanguage(): Lang {
  try {
    const fromUrl = new URLSearchParams(window.location.search).get('lang');
    if (fromUrl === 'fr' || fromUrl === 'en') return fromUrl;
    const saved = window.localStorage.getItem(LANG_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    /* ignore */
  }
  return 'fr';
}

export function saveLanguage(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* ignore */
  }
}

function lookup(cat: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = cat;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function makeT(primary: Catalogue, fallback: Catalogue): TFunction {
  return (key, vars) => {
    const s = lookup(primary, key) ?? lookup(fallback, key) ?? key;
    return vars ? s.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => String(vars[k] ?? '')) : s;
  };
}

const Ctx = createContext<{ t: TFunction; lang: Lang }>({ t: (k) => k, lang: 'fr' });

export function I18nLiteProvider(props: { lang: Lang; catalogues: Record<Lang, Catalogue>; children: ReactNode }) {
  const value = useMemo(
    () => ({ lang: props.lang, t: makeT(props.catalogues[props.lang], props.catalogues.fr) }),
    [props.lang, props.catalogues],
  );
  return createElement(Ctx.Provider, { value }, props.children);
}

export function useT(): { t: TFunction; lang: Lang } {
  return useContext(Ctx);
}
