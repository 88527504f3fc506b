export type VectorGroup = 'fixed-from-sdk-tests' | 'oss2-generated' | 'signing';
export declare const vectorFiles: Record<VectorGroup, Record<string, () => Promise<{ default: unknown }>>>;
/** Loads one vector file as parsed JSON (typed by the caller). */
export declare function loadVector<T = any>(group: VectorGroup, name: string): Promise<T>;
/** Names of the files in a group. */
export declare function vectorNames(group: VectorGroup): string[];
