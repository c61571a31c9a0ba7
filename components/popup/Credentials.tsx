import { useId, useState } from 'react';
import type { Task } from '../../lib/api';
import type { MessageKey } from '../../lib/i18n';
import { CopyButton, CopyChip } from '../shared/CopyButton';
import { useT } from '../shared/i18n';

interface Field {
  id: string;
  labelKey: MessageKey;
  value: string;
  secret: boolean;
}

function fieldsOf(task: Task): Field[] {
  const all: Field[] = [
    { id: 'username', labelKey: 'task.username', value: task.username ?? '', secret: false },
    { id: 'email', labelKey: 'task.email', value: task.email ?? '', secret: false },
    { id: 'password', labelKey: 'task.password', value: task.password ?? '', secret: true },
    { id: 'pass-mail', labelKey: 'task.passMail', value: task.pass_mail ?? '', secret: true },
    { id: 'app-password', labelKey: 'task.appPassword', value: task.app_password ?? '', secret: true },
    { id: 'website', labelKey: 'task.website', value: task.website ?? '', secret: false },
  ];
  // Username and password are always listed so a missing one is visible; the rest only when present.
  return all.filter((f) => f.value !== '' || f.id === 'username' || f.id === 'password');
}

const MASK = '••••••••';

function CredentialRow({ field }: { field: Field }) {
  const tr = useT();
  const [revealed, setRevealed] = useState(false);
  const label = tr(field.labelKey as 'task.username');
  const shown = field.value === '' ? tr('common.empty') : field.secret && !revealed ? MASK : field.value;
  return (
    <div className="cred-row" data-testid={`cred-${field.id}`}>
      <span className="cred-label">{label}</span>
      {/* One line, cut with an ellipsis; the whole value is on hover and on the clipboard. */}
      <span
        className={field.value === '' ? 'cred-value muted' : 'cred-value mono'}
        data-testid={`value-${field.id}`}
        title={field.secret || field.value === '' ? undefined : field.value}
      >
        {shown}
      </span>
      <span className="cred-actions">
        {field.secret && field.value !== '' && (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            data-testid={`reveal-${field.id}`}
            aria-pressed={revealed}
            onClick={() => setRevealed((r) => !r)}
          >
            {revealed ? tr('common.hide') : tr('common.show')}
          </button>
        )}
        <CopyButton value={field.value} testId={`copy-${field.id}`} label={label} secret={field.secret} />
      </span>
    </div>
  );
}

/**
 * One line: the login (user name, else email) and the password as copy
 * chips, and a toggle for every field. Autofill makes these rarely needed.
 */
export function Credentials({ task }: { task: Task }) {
  const tr = useT();
  const [open, setOpen] = useState(false);
  const rowsId = useId();
  const login = task.username ? { value: task.username, key: 'task.username' as const } : { value: task.email ?? '', key: 'task.email' as const };
  return (
    <section className="creds" aria-label={tr('task.credentials')}>
      <div className="cred-strip">
        <CopyChip value={login.value} testId="quick-copy-login" label={tr(login.key)} title={login.value || undefined}>
          {login.value || tr('common.empty')}
        </CopyChip>
        <CopyChip value={task.password ?? ''} testId="quick-copy-password" label={tr('task.password')} secret>
          {tr('task.password')}
        </CopyChip>
        <button
          type="button"
          className="btn btn-small btn-quiet cred-toggle"
          data-testid="toggle-credentials"
          aria-expanded={open}
          aria-controls={open ? rowsId : undefined}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? tr('task.fewerCredentials') : tr('task.allCredentials')}
          <span className={open ? 'chevron up' : 'chevron'} aria-hidden="true" />
        </button>
      </div>
      {open && (
        <div className="cred-rows" id={rowsId}>
          {fieldsOf(task).map((field) => (
            <CredentialRow key={field.id} field={field} />
          ))}
        </div>
      )}
    </section>
  );
}
