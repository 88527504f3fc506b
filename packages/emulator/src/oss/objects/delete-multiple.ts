import { OssErrors } from '../../errors/catalog.js';
import { childText, childrenNamed, parseXml } from '../../xml/parse.js';
import { xmlDocument, type XmlNode } from '../../xml/write.js';
import { readSmallBody } from '../rules/body.js';
import { validateObjectKey } from '../rules/names.js';
import { XML_HEADERS, type OssHandler } from '../types.js';
import { requireBucket } from './require.js';

const MAX_KEYS = 1000;

/** A `<Key>` sent with `encoding-type=url`; bad percent-encoding is MalformedXML. */
function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    throw OssErrors.malformedXml();
  }
}

/** DeleteMultipleObjects (`POST /bucket?delete`): Content-MD5 required, up to 1000 keys, `Quiet` mode. */
export const deleteMultipleObjects: OssHandler = async (req, ctx) => {
  const bucket = requireBucket(req, ctx);
  if (req.headers['content-md5'] === undefined)
    throw OssErrors.invalidArgument('Missing required header for this request: Content-MD5.', '0016-00000105');
  const root = parseXml(await readSmallBody(req));
  if (root.name !== 'Delete') throw OssErrors.malformedXml();
  const urlEncoded = req.query.get('encoding-type') === 'url';
  const keys = childrenNamed(root, 'Object').map((o) => {
    const key = childText(o, 'Key');
    if (key === undefined) throw OssErrors.malformedXml();
    return urlEncoded ? decodeKey(key) : key;
  });
  if (keys.length === 0 || keys.length > MAX_KEYS)
    throw OssErrors.malformedXml(`Delete needs between 1 and ${MAX_KEYS} objects.`);
  keys.forEach(validateObjectKey);
  for (const key of keys) ctx.authorize(req, 'oss:DeleteObject', bucket.name, key);
  for (const key of keys) await ctx.catalog.deleteObject(bucket.name, key);
  const quiet = childText(root, 'Quiet') === 'true';
  const deleted: XmlNode[] = quiet
    ? []
    : keys.map((k) => ['Deleted', [['Key', urlEncoded ? encodeURIComponent(k) : k]]]);
  return {
    status: 200,
    headers: { ...XML_HEADERS },
    body: xmlDocument('DeleteResult', [urlEncoded ? ['EncodingType', 'url'] : null, ...deleted]),
  };
};
