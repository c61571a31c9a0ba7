import { useState } from 'react';
import type { Task } from '../../lib/api';
import type { MessageKey } from '../../lib/i18n';
import { CopyButton } from '../shared/CopyButton';
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
      <span className={field.value === '' ? 'cred-value muted' : 'cred-value mono'} data-testid={`value-${field.id}`}>
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
        <CopyButton value={field.value} testId={`copy-${field.id}`} label={label} />
      </span>
    </div>
  );
}

export function Credentials({ task }: { task: Task }) {
  const tr = useT();
  return (
    <section className="card-section" aria-label={tr('task.credentials')}>
      {fieldsOf(task).map((field) => (
        <CredentialRow key={field.id} field={field} />
      ))}
    </section>
  );
}
