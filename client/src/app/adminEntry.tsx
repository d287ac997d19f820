import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import '../lib/i18n';
import { AppRouter } from './router';

export function mountAdmin(root: Root): void {
  root.render(
    <StrictMode>
      <AppRouter />
    </StrictMode>,
  );
}
