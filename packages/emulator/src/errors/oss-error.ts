/** An OSS error response: HTTP status, `Code`, `Message`, `EC` and extra XML elements (`Key`, `BucketName`, ...). */
export class OssError extends Error {
  readonly code: string;
  readonly status: number;
  readonly ec: string;
  readonly details: Readonly<Record<string, string>>;

  constructor(options: {
    code: string;
    status: number;
    message: string;
    ec: string;
    details?: Record<string, string>;
  }) {
    super(options.message);
    this.name = 'OssError';
    this.code = options.code;
    this.status = options.status;
    this.ec = options.ec;
    this.details = options.details ?? {};
  }
}

export function isOssError(err: unknown): err is OssError {
  return err instanceof OssError;
}
