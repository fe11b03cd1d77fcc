import type { ReactNode } from 'react';

/**
 * A labelled form field with an optional hint and the server's error for it, shown at the field.
 * `errorTestId` names the error paragraph for browser tests.
 */
export function FormField({ inputId, label, input, hint, error, errorTestId }: { inputId: string; label: ReactNode; input: ReactNode; hint?: ReactNode; error?: string; errorTestId: string }) {
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {input}
      {hint && <p className="hint">{hint}</p>}
      {error && <p className="field-error" role="alert" data-testid={errorTestId}>{error}</p>}
    </div>
  );
}
