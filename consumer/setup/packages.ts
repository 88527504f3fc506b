// The packages oss-cse publishes, as the consumer tests install them.
export const PUBLIC_PACKAGES = ['core', 'transfer', 'kms', 'node', 'browser', 'emulator'] as const;
export type PublicPackage = (typeof PUBLIC_PACKAGES)[number];

/** Third-party tools the consumer project installs beside the tarballs (exact versions, like the workspace's). */
export const CONSUMER_TOOLS: Record<string, string> = {
  vite: '8.3.8',
  typescript: '5.9.3',
  '@types/node': '20.19.25',
};

/** What the global setup hands every consumer test. */
export interface ConsumerProject {
  /** The temporary directory outside the workspace that holds everything below. */
  readonly dir: string;
  /** The fresh npm project the tarballs were installed into. */
  readonly app: string;
  /** Packed tarball of each public package. */
  readonly tarballs: Readonly<Record<PublicPackage, string>>;
  /** The emulator started with `npx oss-cse-emulator` from the installed tarball (its start-up line). */
  readonly emulator: {
    readonly ossEndpoint: string;
    readonly stsEndpoint: string;
    readonly region: string;
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    readonly buckets: string[];
  };
}
