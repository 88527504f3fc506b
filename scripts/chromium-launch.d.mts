export declare const CHROMIUM_ENV: string;
export declare const CHROMIUM_CANDIDATES: string[];
export declare const CHROMIUM_ARGS: string[];
export declare function findChromium(): string | null;
export declare function chromiumLaunchOptions(): { executablePath: string; args: string[] };
