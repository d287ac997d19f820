/** Admin routes (the respondent page has its own entry, see src/main.tsx). */
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';

const AdminApp = lazy(() => import('./AdminApp'));

export function AppRouter() {
  return (
    <BrowserRouter>
      <Suspense fallback={<p className="app-loading" role="status" aria-busy="true" />}>
        <Routes>
          <Route path="/" element={<Navigate to="/app" replace />} />
          <Route path="/*" element={<AdminApp />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
