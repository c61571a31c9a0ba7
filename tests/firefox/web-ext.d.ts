// web-ext ships no types: the slice of its Node API the Firefox harness uses.
declare module 'web-ext' {
  interface RunParams {
    sourceDir: string;
    firefox?: string;
    firefoxProfile?: string;
    profileCreateIfMissing?: boolean;
    keepProfileChanges?: boolean;
    noReload?: boolean;
    noInput?: boolean;
    startUrl?: string | string[];
    args?: string[];
    pref?: Record<string, string | number | boolean>;
  }
  interface ExtensionRunner {
    exit(): Promise<void>;
  }
  const webExt: {
    cmd: {
      run(params: RunParams, options?: { shouldExitProgram?: boolean }): Promise<ExtensionRunner>;
    };
  };
  export default webExt;
}
