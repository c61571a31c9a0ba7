import type { InputHTMLAttributes, ReactNode } from 'react';
import { useT } from '../shared/i18n';
import type { Form, OptionsForm } from './useOptionsForm';

function Choice({ children, ...input }: { children: ReactNode } & InputHTMLAttributes<HTMLInputElement> & { 'data-testid': string }) {
  return (
    <label className="choice">
      <input {...input} />
      <span>{children}</span>
    </label>
  );
}

/** How the extension fills: at once or when asked, whether it submits a login, whether links go into the bio. */
export function AutofillFields({ form, update }: { form: Form; update: OptionsForm['update'] }) {
  const tr = useT();
  return (
    <>
      <h2>{tr('options.autofill')}</h2>
      <fieldset className="choices">
        <legend className="visually-hidden">{tr('options.autofill')}</legend>
        <Choice type="radio" name="autofillMode" data-testid="autofill-auto" checked={form.autofillMode === 'auto'} onChange={() => update('autofillMode', 'auto')}>
          {tr('options.autofillAuto')}
        </Choice>
        <Choice type="radio" name="autofillMode" data-testid="autofill-manual" checked={form.autofillMode === 'manual'} onChange={() => update('autofillMode', 'manual')}>
          {tr('options.autofillManual')}
        </Choice>
      </fieldset>
      <Choice type="checkbox" data-testid="auto-submit" checked={form.autoSubmitLogin} onChange={(e) => update('autoSubmitLogin', e.target.checked)}>
        {tr('options.autoSubmit')}
        <br />
        <span className="muted small">{tr('options.autoSubmitHint')}</span>
      </Choice>
      <Choice type="checkbox" data-testid="append-bio" checked={form.appendLinksToBio} onChange={(e) => update('appendLinksToBio', e.target.checked)}>
        {tr('options.appendBio')}
      </Choice>
    </>
  );
}
