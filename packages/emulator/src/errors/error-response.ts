import { xmlDocument, type XmlNode } from '../xml/write.js';
import type { OssError } from './oss-error.js';

/** The `<Error>` document exactly as OSS shapes it: Code, Message, RequestId, HostId, details, EC, RecommendDoc. */
export function errorXml(err: OssError, requestId: string, hostId: string): string {
  return xmlDocument('Error', [
    ['Code', err.code],
    ['Message', err.message],
    ['RequestId', requestId],
    ['HostId', hostId],
    ...Object.entries(err.details).map(([k, v]): XmlNode => [k, v]),
    ['EC', err.ec],
    ['RecommendDoc', `https://api.aliyun.com/troubleshoot?q=${err.ec}`],
  ]);
}
