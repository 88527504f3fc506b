import { OssError } from './oss-error.js';

// Every error the OSS emulator returns, with the HTTP status, Code, Message and EC that OSS uses.

const e = (code: string, status: number, message: string, ec: string, details?: Record<string, string>): OssError =>
  new OssError({ code, status, message, ec, ...(details ? { details } : {}) });

export const OssErrors = {
  accessDenied: (message = 'You have no right to access this object because of bucket acl.', ec = '0003-00000001') =>
    e('AccessDenied', 403, message, ec),
  accessDeniedByPolicy: () =>
    e('AccessDenied', 403, 'You have no right to access this object because of bucket acl.', '0003-00000801'),
  requestExpired: (expires: string, serverTime: string) =>
    e('AccessDenied', 403, 'Request has expired.', '0002-00000069', { Expires: expires, ServerTime: serverTime }),
  invalidAccessKeyId: (accessKeyId: string) =>
    e('InvalidAccessKeyId', 403, 'The OSS Access Key Id you provided does not exist in our records.', '0002-00000902', {
      OSSAccessKeyId: accessKeyId,
    }),
  signatureDoesNotMatch: (details: Record<string, string>) =>
    e(
      'SignatureDoesNotMatch',
      403,
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      '0002-00000040',
      details,
    ),
  requestTimeTooSkewed: (requestTime: string, serverTime: string) =>
    e(
      'RequestTimeTooSkewed',
      403,
      'The difference between the request time and the current time is too large.',
      '0002-00000504',
      { RequestTime: requestTime, ServerTime: serverTime },
    ),
  securityTokenExpired: (
    message = 'The Security Token Service temporary access credentials included in the request have expired.',
  ) => e('SecurityTokenExpired', 403, message, '0002-00000007'),
  invalidSecurityToken: (message = 'The security token you provided is invalid.') =>
    e('InvalidSecurityToken', 403, message, '0002-00000006'),
  invalidAuthorization: (message: string) => e('InvalidArgument', 400, message, '0002-00000003'),
  noSuchBucket: (bucket: string) =>
    e('NoSuchBucket', 404, 'The specified bucket does not exist.', '0015-00000101', { BucketName: bucket }),
  bucketAlreadyExists: (bucket: string) =>
    e(
      'BucketAlreadyExists',
      409,
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
      '0015-00000104',
      { BucketName: bucket },
    ),
  bucketNotEmpty: (bucket: string) =>
    e('BucketNotEmpty', 409, 'The bucket you tried to delete is not empty.', '0015-00000301', { BucketName: bucket }),
  invalidBucketName: (bucket: string) =>
    e('InvalidBucketName', 400, 'The specified bucket is not valid.', '0015-00000001', { BucketName: bucket }),
  noSuchKey: (key: string) => e('NoSuchKey', 404, 'The specified key does not exist.', '0026-00000001', { Key: key }),
  noSuchUpload: (uploadId: string) =>
    e(
      'NoSuchUpload',
      404,
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      '0042-00000002',
      { UploadId: uploadId },
    ),
  noSuchCorsConfiguration: (bucket: string) =>
    e('NoSuchCORSConfiguration', 404, 'The CORS Configuration does not exist.', '0034-00000001', {
      BucketName: bucket,
    }),
  invalidObjectName: (message = 'The specified object is not valid.') =>
    e('InvalidObjectName', 400, message, '0016-00000005'),
  invalidArgument: (message: string, ec = '0017-00000001', details?: Record<string, string>) =>
    e('InvalidArgument', 400, message, ec, details),
  invalidDigest: (provided: string) =>
    e('InvalidDigest', 400, 'The Content-MD5 you specified was invalid.', '0016-00000101', { 'Content-MD5': provided }),
  badDigest: (expected: string, calculated: string) =>
    e('InvalidDigest', 400, 'The Content-MD5 you specified did not match what we received.', '0016-00000102', {
      ExpectedDigest: expected,
      CalculatedDigest: calculated,
    }),
  missingContentLength: () =>
    e('MissingContentLength', 411, 'You must provide the Content-Length HTTP header.', '0016-00000701'),
  entityTooLarge: () =>
    e('EntityTooLarge', 400, 'Your proposed upload exceeds the maximum allowed size.', '0016-00000702'),
  incompleteBody: () =>
    e(
      'IncompleteBody',
      400,
      'You did not provide the number of bytes specified by the Content-Length HTTP header.',
      '0016-00000703',
    ),
  entityTooSmall: () =>
    e('EntityTooSmall', 400, 'Your proposed upload smaller than the minimum allowed size.', '0042-00000213'),
  invalidPart: () =>
    e(
      'InvalidPart',
      400,
      "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.",
      '0042-00000216',
    ),
  invalidPartOrder: () =>
    e(
      'InvalidPartOrder',
      400,
      'The list of parts was not in ascending order. Parts list must specified in order by part number.',
      '0042-00000215',
    ),
  malformedXml: (
    message = 'The XML you provided was not well-formed or did not validate against our published schema.',
  ) => e('MalformedXML', 400, message, '0042-00000219'),
  invalidRange: () => e('InvalidRange', 416, 'The requested range cannot be satisfied', '0014-00000003'),
  preconditionFailed: (condition: string) =>
    e('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold.', '0025-00000004', {
      Condition: condition,
    }),
  fileAlreadyExists: () =>
    e('FileAlreadyExists', 409, 'The object you specified already exists and can not be overwritten.', '0016-00000201'),
  invalidEncryptionRequest: (message: string, ec: string) => e('InvalidEncryptionRequest', 400, message, ec),
  metadataTooLarge: () =>
    e('InvalidArgument', 400, 'Your metadata headers exceed the maximum allowed metadata size.', '0011-00000002'),
  invalidMetadataName: (name: string) =>
    e('InvalidArgument', 400, `The user metadata name "${name}" is invalid.`, '0011-00000004'),
  corsNotEnabled: () =>
    e('AccessForbidden', 403, 'CORSResponse: CORS is not enabled for this bucket.', '0003-00000301'),
  corsNotAllowed: () =>
    e(
      'AccessForbidden',
      403,
      "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Requet-Headers are not whitelisted by the resource's CORS spec.",
      '0003-00000001',
    ),
  invalidCorsRule: (message: string) => e('InvalidArgument', 400, message, '0034-00000013'),
  methodNotAllowed: (method: string) =>
    e('MethodNotAllowed', 405, 'The specified method is not allowed against this resource.', '0031-00000001', {
      Method: method,
    }),
  notImplemented: (what: string) =>
    e('NotImplemented', 501, `${what} is not implemented by the OSS emulator.`, '0031-00000002'),
  /** Emulator only (real OSS has no such limit): memory mode holds at most `limit` bytes of bodies and parts. */
  insufficientStorage: (limit: number) =>
    e(
      'InsufficientStorage',
      507,
      `The emulator keeps at most ${limit} bytes of objects and parts in memory. Delete objects or abort uploads, or start it with a larger --max-memory-bytes (option maxMemoryBytes) or with --data.`,
      '0000-00000002',
    ),
  injected: (code: string, status: number, message: string) => e(code, status, message, '0000-00000000'),
  internalError: () => e('InternalError', 500, 'We encountered an internal error. Please try again.', '0000-00000001'),
};
