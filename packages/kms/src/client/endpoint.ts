// Where KMS lives: the regional shared gateway unless the caller names an endpoint (VPC, relay, emulator).

const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The public KMS endpoint of a region, `https://kms.<region>.aliyuncs.com/`.
 *
 * @example
 * ```ts
 * import { kmsEndpointForRegion } from '@oss-cse/kms';
 * kmsEndpointForRegion('cn-hangzhou'); // 'https://kms.cn-hangzhou.aliyuncs.com/'
 * ```
 */
export function kmsEndpointForRegion(region: string): string {
  if (typeof region !== 'string' || !REGION.test(region)) {
    throw new TypeError(`"region" expected a region id such as cn-hangzhou, got ${JSON.stringify(region)}`);
  }
  return `https://kms.${region}.aliyuncs.com/`;
}

/**
 * The endpoint to call: `endpoint` when given (a bare host gets `https://`), else the region's public one.
 *
 * @example
 * ```ts
 * import { resolveKmsEndpoint } from '@oss-cse/kms';
 * resolveKmsEndpoint({ endpoint: 'kms-vpc.cn-shanghai.aliyuncs.com' });
 * // 'https://kms-vpc.cn-shanghai.aliyuncs.com/'
 * ```
 */
export function resolveKmsEndpoint(options: {
  region?: string | undefined;
  endpoint?: string | URL | undefined;
}): string {
  if (options.endpoint !== undefined && options.endpoint !== '') {
    const text = String(options.endpoint);
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? new URL(text).href : new URL(`https://${text}`).href;
  }
  if (options.region === undefined || options.region === '') {
    throw new TypeError('KMS needs "region" or "endpoint"');
  }
  return kmsEndpointForRegion(options.region);
}
