import type { ReactNode } from 'react';

/**
 * The popup's frame: header, the stage's content, and a footer that stays in
 * view (`position: sticky`) with the stage's actions, so the next action
 * never needs a scroll however long the content gets.
 */
export function Shell({ stage, top, children, footer, busy }: { stage: string; top: ReactNode; children: ReactNode; footer?: ReactNode; busy: boolean }) {
  return (
    <div className="popup" data-stage={stage} aria-busy={busy}>
      {top}
      <main className="popup-main">{children}</main>
      {footer && (
        <footer className="popup-footer" data-testid="popup-footer">
          {footer}
        </footer>
      )}
    </div>
  );
}
