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
  interface LintParams {
    sourceDir: string;
    output?: 'json' | 'text' | 'none';
    boring?: boolean;
    selfHosted?: boolean;
    warningsAsErrors?: boolean;
  }
  interface LintMessage {
    code: string;
    message: string;
    description?: string;
    file?: string;
    line?: number;
    column?: number;
  }
  interface LintResult {
    summary: { errors: number; warnings: number; notices: number };
    errors: LintMessage[];
    warnings: LintMessage[];
    notices: LintMessage[];
  }
  const webExt: {
    cmd: {
      run(params: RunParams, options?: { shouldExitProgram?: boolean }): Promise<ExtensionRunner>;
      lint(params: LintParams, options?: { shouldExitProgram?: boolean }): Promise<LintResult>;
    };
  };
  export default webExt;
}
