/**
 * DESIGN "Security rules": the one-time code is given to a page only when
 * that page shows a one-time-code field, at that moment. The fill data
 * carries no code; once a pass found a visible code field (the engine's
 * `codeField`), the page's next data request also asks the background for the
 * current code (`getOneTimeCode`, behind the same sender guard as the fill
 * data). One extra message per pass, on code pages only.
 */
import type { AutofillResult } from '../autofill';
import type { FillData, PageFillData, TotpNow } from '../messaging';

export interface OneTimeCodeOnDemand {
  /** The page's data; with `totp` (the code, or null when there is none) while the page shows a code field. */
  getData(): Promise<PageFillData | null>;
  /** After every pass: remember whether the page shows a code field now. */
  seen(r: AutofillResult): void;
  /** This pass found a code field but had no code to give it: run once more with `getData`. */
  wantsCode(r: AutofillResult, data: PageFillData): boolean;
}

export function oneTimeCodeOnDemand(getFillData: () => Promise<FillData | null>, getOneTimeCode?: () => Promise<TotpNow | null>): OneTimeCodeOnDemand {
  let codePage = false;
  return {
    async getData() {
      const data = await getFillData();
      if (!data || !codePage || !data.hasOneTimeCode || !getOneTimeCode) return data;
      const totp = await getOneTimeCode().catch(() => null);
      return { ...data, totp };
    },
    seen(r) {
      codePage = !!r.codeField;
    },
    wantsCode: (r, data) => !!r.codeField && data.hasOneTimeCode && data.totp === undefined && !!getOneTimeCode,
  };
}
