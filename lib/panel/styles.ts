/** The panel's own styles, inside its closed shadow root: the page's CSS cannot reach them. */
export const PANEL_CSS = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.panel { width: 320px; max-height: 70vh; overflow: auto; background: #ffffff; color: #202124; opacity: 1;
  border: 1px solid #c4c7c5; border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.25); font-size: 13px; line-height: 1.4; }
.head { display: flex; align-items: center; gap: 8px; padding: 8px 10px; background: #1a73e8; color: #fff; border-radius: 9px 9px 0 0; }
.head .title { font-weight: 600; flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.head button { background: transparent; color: #fff; border: 0; font-size: 16px; cursor: pointer; padding: 0 4px; }
.body { padding: 10px; display: grid; gap: 8px; }
.warn { background: #fef7e0; color: #7a4b00; padding: 6px 8px; border-radius: 6px; }
.page { color: #5f6368; }
ul { margin: 0; padding-left: 18px; }
li { word-break: break-all; }
.muted { color: #5f6368; }
.row { display: flex; flex-wrap: wrap; gap: 6px; }
button.act { font-size: 13px; padding: 6px 10px; border-radius: 6px; border: 1px solid #c4c7c5; background: #f8f9fa; color: #202124; cursor: pointer; }
button.act:focus-visible, .head button:focus-visible, .pill:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
button.primary { background: #188038; border-color: #188038; color: #fff; }
button.danger { background: #d93025; border-color: #d93025; color: #fff; }
button.confirm { outline: 2px dashed #202124; }
textarea, select { width: 100%; font-size: 13px; padding: 6px; border: 1px solid #c4c7c5; border-radius: 6px; background: #fff; color: #202124; }
textarea { min-height: 64px; resize: vertical; }
.msg { min-height: 1em; color: #0b57d0; }
.msg.error { color: #b3261e; }
.pill { background: #1a73e8; color: #fff; border: 0; border-radius: 18px; padding: 8px 12px; font-size: 13px; font-weight: 600;
  cursor: pointer; box-shadow: 0 4px 12px rgba(0,0,0,.3); }
[hidden] { display: none !important; }
`;

/**
 * Inline, !important styles of the host element: fixed in the corner, above
 * everything, fully opaque, no inherited transform or filter of its own.
 * Inline !important beats any page stylesheet; a page script that changes
 * them is caught by the click checks.
 */
export const HOST_STYLE: Record<string, string> = {
  all: 'initial',
  position: 'fixed',
  right: '16px',
  bottom: '16px',
  left: 'auto',
  top: 'auto',
  inset: 'auto 16px 16px auto',
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
