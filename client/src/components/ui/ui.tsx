/** Small, unstyled-by-default building blocks shared by the admin features (styles in ui.css). */
import { useRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import './ui.css';

export function Button(props: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'ghost' | 'danger' }) {
  const { variant, className, ...rest } = props;
  return (
    <button type="button" {...rest} className={`ui-btn ${variant ? `ui-btn--${variant}` : ''} ${className ?? ''}`} />
  );
}

/** A button that opens the file chooser; the hidden input is reset so the same file can be chosen twice. */
export function FilePicker(props: {
  label: string;
  accept: string;
  onFile: (file: File) => void;
  disabled?: boolean;
  variant?: 'primary' | 'ghost' | 'danger';
  testId?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button variant={props.variant} onClick={() => input.current?.click()} disabled={props.disabled}>
        {props.label}
      </Button>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        accept={props.accept}
        aria-label={props.label}
        data-testid={props.testId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) props.onFile(f);
          e.target.value = '';
        }}
      />
    </>
  );
}

export function Card(props: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section className={`ui-card ${props.className ?? ''}`} data-testid={props.testId}>
      {(props.title || props.actions) && (
        <header className="ui-card-head">
          {props.title && <h2 className="ui-card-title">{props.title}</h2>}
          {props.actions && <div className="ui-card-actions">{props.actions}</div>}
        </header>
      )}
      {props.children}
    </section>
  );
}

export function Alert(props: {
  tone?: 'info' | 'error' | 'warning' | 'success';
  children: ReactNode;
  testId?: string;
}) {
  const tone = props.tone ?? 'info';
  return (
    <div
      className={`ui-alert ui-alert--${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={props.testId}
    >
      {props.children}
    </div>
  );
}

export function Progress(props: { value: number; label: string }) {
  const pct = Math.round(Math.max(0, Math.min(1, props.value)) * 100);
  return (
    <div
      className="ui-progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-label={props.label}
    >
      <div className="ui-progress-bar" style={{ width: `${pct}%` }} />
    </div>
  );
}

export function Spinner(props: { label: string }) {
  return (
    <p className="ui-muted" role="status" aria-busy="true">
      {props.label}
    </p>
  );
}

export function Badge(props: { tone?: 'neutral' | 'ok' | 'warn' | 'muted'; children: ReactNode; title?: string }) {
  return (
    <span className={`ui-badge ui-badge--${props.tone ?? 'neutral'}`} title={props.title}>
      {props.children}
    </span>
  );
}
