/** The panel's own styles, inside its closed shadow root: the page's CSS cannot reach them. */
export const PANEL_CSS = `
:host { all: initial; color-scheme: light dark; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.panel { --bg: #ffffff; --fg: #1f1f1f; --muted: #5e5e5e; --line: #c4c7c5; --accent: #0b57d0; --warn-bg: #fef7e0; --warn-fg: #6b4200; --bad: #b3261e;
  width: 280px; max-height: min(60vh, 420px); overflow: auto; background: var(--bg); color: var(--fg); opacity: 1;
  border: 1px solid var(--line); border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.25); font-size: 13px; line-height: 1.4; }
@media (prefers-color-scheme: dark) {
  .panel { --bg: #1f1f1f; --fg: #e3e3e3; --muted: #b4b4b4; --line: #444746; --accent: #a8c7fa; --warn-bg: #4a3a00; --warn-fg: #ffe08a; --bad: #f2b8b5; }
}
.head { display: flex; align-items: center; gap: 4px; padding: 6px 8px; background: #0b57d0; color: #fff; border-radius: 9px 9px 0 0; cursor: grab; user-select: none; }
.head .title { font-weight: 600; flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.icon { background: transparent; color: #fff; border: 0; font-size: 15px; line-height: 1; cursor: pointer; padding: 4px 6px; border-radius: 4px; }
.body { padding: 8px 10px; display: grid; gap: 6px; }
.warn { background: var(--warn-bg); color: var(--warn-fg); padding: 6px 8px; border-radius: 6px; }
.page, .muted { color: var(--muted); }
.bad { color: var(--bad); }
ul { margin: 0; padding-left: 18px; }
li { overflow-wrap: anywhere; }
details summary { cursor: pointer; color: var(--accent); }
.row { display: flex; flex-wrap: wrap; gap: 6px; }
button.act { font-size: 13px; padding: 5px 9px; border-radius: 6px; border: 1px solid var(--line); background: transparent; color: var(--fg); cursor: pointer; }
button.primary { background: #0b57d0; border-color: #0b57d0; color: #fff; }
button:focus-visible, summary:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.msg { min-height: 1em; color: var(--accent); }
.msg:empty { display: none; }
.msg.error { color: var(--bad); }
.pill { background: #0b57d0; color: #fff; border: 0; border-radius: 18px; padding: 8px 14px; font-size: 13px; font-weight: 600;
  cursor: pointer; box-shadow: 0 4px 12px rgba(0,0,0,.3); }
.pill:focus-visible { outline: 2px solid #fff; outline-offset: -4px; }
[hidden] { display: none !important; }
`;

/**
 * Inline, !important styles of the host element: fixed in a corner (set per
 * placement), above everything, fully opaque. Inline !important beats any
 * page stylesheet.
 */
export const HOST_STYLE: Record<string, string> = {
  all: 'initial',
  position: 'fixed',
  margin: '0',
  padding: '0',
  border: '0',
  background: 'transparent',
  overflow: 'visible',
  'z-index': '2147483647',
  opacity: '1',
  visibility: 'visible',
  display: 'block',
  transform: 'none',
  filter: 'none',
  'pointer-events': 'auto',
  'clip-path': 'none',
  width: 'auto',
  height: 'auto',
};
