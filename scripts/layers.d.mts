// Types of layers.mjs (plain JS so that eslint.config.js can read it too).
export declare const LAYERS: Record<string, { may: string[]; pure?: boolean; noReact?: boolean; entry?: boolean; what: string }>;
export declare const TEST_FILE: RegExp;
