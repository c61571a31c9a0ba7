/** Open an HTML page in a fresh happy-dom window at a pretend URL, with inline scripts running. */
import { Window } from 'happy-dom';

export interface OpenPage {
  window: Window;
  document: Document;
  close(): Promise<void>;
  settle(): Promise<void>;
}

export async function openPage(html: string, url: string): Promise<OpenPage> {
  const window = new Window({
    url,
    width: 1280,
    height: 900,
    settings: {
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
    },
  });
  window.document.write(html);
  await window.happyDOM.waitUntilComplete();
  return {
    window,
    document: window.document as unknown as Document,
    close: () => window.happyDOM.close(),
    settle: async () => {
      await new Promise((r) => setTimeout(r, 0));
      await window.happyDOM.waitUntilComplete();
    },
  };
}
