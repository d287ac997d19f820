/**
 * The design being edited, shared by the référentiel and questionnaire editors of one evaluation: loaded
 * from `GET /design`, changed in memory (nothing is sent until "Enregistrer"), checked at every change by
 * the shared validator (the server's own), saved whole with the revision it was based on.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { parseBundle, type Bundle, type Result, type ValidBundle, type ValidationIssue } from '@trame/shared';
import { ApiError } from '../../../lib/api/client';
import { getDesign, saveDesign, type EvaluationDesign } from '../api/editorApi';

export interface Draft {
  title: string;
  description: string | null;
  framework: Bundle['framework'];
  segments: Bundle['segments'];
  internalData: Bundle['internalData'];
  questionnaire: Record<string, unknown>;
}

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; newVersion: boolean }
  | { kind: 'invalid'; errors: ValidationIssue[] }
  | { kind: 'conflict'; current: EvaluationDesign }
  | { kind: 'error'; message: string };

interface DesignContext {
  status: 'loading' | 'error' | 'ready';
  base: EvaluationDesign | null;
  draft: Draft | null;
  dirty: boolean;
  /** Changes a copy of the draft (the mutator may change it in place). */
  update: (mutate: (d: Draft) => void) => void;
  save: () => Promise<void>;
  saveState: SaveState;
  /** Drops the changes and takes the design as it is on the server (after a conflict). */
  reload: () => void;
  /** Takes a design another route answered with (internal data), keeping the unsaved changes. */
  accept: (design: EvaluationDesign) => void;
  /** The draft checked as a bundle, with the server's rules. */
  checked: Result<ValidBundle> | null;
  /** What to show beside the fields: the server's answer to the last save, else the live check. */
  issues: ValidationIssue[];
  /** The indicator opened in the référentiel editor (its code). */
  selected: string | null;
  select: (code: string | null) => void;
}

const Ctx = createContext<DesignContext | null>(null);

function draftOf(d: EvaluationDesign): Draft {
  return structuredClone({
    title: d.title,
    description: d.description,
    framework: d.framework,
    segments: d.segments,
    internalData: d.internalData,
    questionnaire: d.questionnaire,
  });
}

export function bundleOf(d: Draft): Record<string, unknown> {
  return {
    format: 'trame-bundle/1',
    title: d.title,
    ...(d.description ? { description: d.description } : {}),
    questionnaire: d.questionnaire,
    segments: d.segments,
    framework: d.framework,
    internalData: d.internalData,
  };
}

export function DesignProvider(props: { evaluationId: string; onSaved?: () => void; children: ReactNode }) {
  const [status, setStatus] = useState<DesignContext['status']>('loading');
  const [base, setBase] = useState<EvaluationDesign | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [selected, select] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const { evaluationId, onSaved } = props;

  useEffect(() => {
    const ctrl = new AbortController();
    getDesign(evaluationId, ctrl.signal).then(
      (d) => {
        setBase(d);
        setDraft(draftOf(d));
        setDirty(false);
        setStatus('ready');
      },
      () => !ctrl.signal.aborted && setStatus('error'),
    );
    return () => ctrl.abort();
  }, [evaluationId, tick]);

  // Unsaved changes are not lost by closing the tab without a warning.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const update = useCallback((mutate: (d: Draft) => void) => {
    setDraft((d) => {
      if (!d) return d;
      const copy = structuredClone(d);
      mutate(copy);
      return copy;
    });
    setDirty(true);
    setSaveState((s) => (s.kind === 'invalid' || s.kind === 'saved' ? { kind: 'idle' } : s));
  }, []);

  const save = useCallback(async () => {
    if (!draft || !base) return;
    setSaveState({ kind: 'saving' });
    try {
      const saved = await saveDesign(evaluationId, {
        baseRevision: base.revision,
        title: draft.title,
        description: draft.description ?? null,
        framework: draft.framework,
        segments: draft.segments,
        internalData: draft.internalData,
        questionnaire: draft.questionnaire,
      });
      setBase(saved);
      setDraft(draftOf(saved));
      setDirty(false);
      setSaveState({ kind: 'saved', newVersion: saved.newVersion });
      onSaved?.();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.body?.details && 'current' in e.body.details) {
        setSaveState({ kind: 'conflict', current: e.body.details.current as EvaluationDesign });
      } else if (e instanceof ApiError && e.status === 422) {
        setSaveState({ kind: 'invalid', errors: e.details.length ? e.details : [{ path: '', message: e.message }] });
      } else setSaveState({ kind: 'error', message: e instanceof ApiError ? e.message : '' });
    }
  }, [draft, base, evaluationId, onSaved]);

  const reload = useCallback(() => {
    setSaveState({ kind: 'idle' });
    setTick((t) => t + 1);
  }, []);

  const accept = useCallback(
    (d: EvaluationDesign) => {
      setBase(d);
      if (!dirty) setDraft(draftOf(d));
      else setDraft((cur) => (cur ? { ...cur, internalData: structuredClone(d.internalData) } : cur));
    },
    [dirty],
  );

  const checked = useMemo(() => (draft ? parseBundle(bundleOf(draft)) : null), [draft]);
  const issues = saveState.kind === 'invalid' ? saveState.errors : checked && !checked.ok ? checked.errors : [];

  const value: DesignContext = {
    status,
    base,
    draft,
    dirty,
    update,
    save,
    saveState,
    reload,
    accept,
    checked,
    issues,
    selected,
    select,
  };
  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}

export function useDesign(): DesignContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('useDesign outside DesignProvider');
  return c;
}

/** The issues at `path` or under it (`framework.dimensions[0]` → its title, its criteria…). */
export function issuesAt(issues: ValidationIssue[], path: string): ValidationIssue[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`));
}
