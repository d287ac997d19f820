import type { ReactNode } from 'react';

/** A calm full-page message: unknown, closed or not yet open campaign, network trouble, thank you. */
export function StatusPage(props: {
  title: string;
  children?: ReactNode;
  tone?: 'info' | 'success' | 'warning';
  testId?: string;
}) {
  return (
    <main className="r-shell" data-testid={props.testId}>
      <section className={`r-card r-status r-status--${props.tone ?? 'info'}`} role="status" aria-live="polite">
        <h1 className="r-title">{props.title}</h1>
        {props.children}
      </section>
    </main>
  );
}
