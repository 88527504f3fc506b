// The OSS documents the fetch transport reads and writes (Node + Chromium): the Complete body byte-exactly as
// ali-oss sends it (captured request, loaded as data), list pages, URL-encoded names, and malformed answers.
import { loadVector } from '@oss-cse/test-vectors';
import { describe, expect, it } from 'vitest';
import {
  completeMultipartBody,
  parseCompleteResult,
  parseErrorDocument,
  parseInitiateResult,
  parseListObjects,
  parseListParts,
  parseListUploads,
} from './oss-documents.js';
import { child, childrenNamed, MalformedResponseError, parseXml } from './xml-reader.js';

const vectors = await loadVector<{ alioss_generated: { requests: { op: string; body?: string }[] } }>(
  'signing',
  'oss-signing',
);
const captured = vectors.alioss_generated.requests.filter((r) => r.body !== undefined);

describe('completeMultipartBody', () => {
  it.each(captured.map((r) => [r.op, r.body!] as const))('writes the body of %s byte for byte', (_, body) => {
    const parts = childrenNamed(parseXml(body), 'Part').map((p) => ({
      partNumber: Number(child(p, 'PartNumber')!.text),
      etag: child(p, 'ETag')!.text,
    }));
    expect(parts.length).toBeGreaterThan(0);
    expect(completeMultipartBody(parts)).toBe(body);
  });

  it('sorts parts ascending and escapes ETags', () => {
    const body = completeMultipartBody([
      { partNumber: 3, etag: '"C"' },
      { partNumber: 1, etag: '"A&<"' },
    ]);
    const parts = childrenNamed(parseXml(body), 'Part');
    expect(parts.map((p) => child(p, 'PartNumber')!.text)).toEqual(['1', '3']);
    expect(child(parts[0]!, 'ETag')!.text).toBe('"A&<"');
  });

  it('refuses a part named twice', () => {
    expect(() =>
      completeMultipartBody([
        { partNumber: 2, etag: '"A"' },
        { partNumber: 2, etag: '"B"' },
      ]),
    ).toThrow(RangeError);
  });
});

const list = (body: string, encoded = true) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><Name>b</Name>${encoded ? '<EncodingType>url</EncodingType>' : ''}${body}</ListBucketResult>`;

describe('parseListObjects', () => {
  it('reads objects, common prefixes and the continuation token, URL-decoding names when EncodingType is url', () => {
    const page = parseListObjects(
      list(
        '<IsTruncated>true</IsTruncated><NextContinuationToken>tok%2Bx</NextContinuationToken>' +
          '<Contents><Key>a%2Bb%20c/%E4%B8%AD+d</Key><LastModified>2024-01-02T03:04:05.000Z</LastModified><ETag>"E"</ETag><Size>12</Size></Contents>' +
          '<CommonPrefixes><Prefix>dir%25/</Prefix></CommonPrefixes>',
      ),
    );
    expect(page).toEqual({
      objects: [{ key: 'a+b c/中 d', size: 12, etag: '"E"', lastModified: '2024-01-02T03:04:05.000Z' }],
      prefixes: ['dir%/'],
      nextToken: 'tok%2Bx',
    });
  });

  it('takes names literally without EncodingType', () => {
    const page = parseListObjects(
      list(
        '<IsTruncated>false</IsTruncated><Contents><Key>a%2B+</Key><LastModified>t</LastModified><ETag>"E"</ETag><Size>0</Size></Contents>',
        false,
      ),
    );
    expect(page.objects[0]!.key).toBe('a%2B+');
    expect(page.nextToken).toBeUndefined();
  });

  it.each([
    ['a truncated page without a token', list('<IsTruncated>true</IsTruncated>')],
    [
      'a size that is not a count',
      list(
        '<IsTruncated>false</IsTruncated><Contents><Key>a</Key><LastModified>t</LastModified><ETag>"E"</ETag><Size>-1</Size></Contents>',
      ),
    ],
    ['IsTruncated neither true nor false', list('<IsTruncated>yes</IsTruncated>')],
    [
      'a name that does not URL-decode',
      list(
        '<IsTruncated>false</IsTruncated><Contents><Key>%E4</Key><LastModified>t</LastModified><ETag>"E"</ETag><Size>1</Size></Contents>',
      ),
    ],
    ['another document', '<Error><Code>x</Code></Error>'],
    ['text that is not XML', 'Service Unavailable'],
  ])('refuses %s', (_, xml) => {
    expect(() => parseListObjects(xml)).toThrow(MalformedResponseError);
  });
});

describe('multipart documents', () => {
  it('reads ListParts pages', () => {
    const part = (n: number) =>
      `<Part><PartNumber>${n}</PartNumber><LastModified>t</LastModified><ETag>"P${n}"</ETag><Size>102400</Size></Part>`;
    expect(
      parseListParts(
        `<ListPartsResult><IsTruncated>true</IsTruncated><NextPartNumberMarker>2</NextPartNumberMarker>${part(1)}${part(2)}</ListPartsResult>`,
      ),
    ).toEqual({
      parts: [
        { partNumber: 1, etag: '"P1"', size: 102400 },
        { partNumber: 2, etag: '"P2"', size: 102400 },
      ],
      nextMarker: '2',
    });
    expect(
      parseListParts(
        '<ListPartsResult><IsTruncated>false</IsTruncated><NextPartNumberMarker>0</NextPartNumberMarker></ListPartsResult>',
      ),
    ).toEqual({ parts: [], nextMarker: undefined });
  });

  it('reads ListMultipartUploads pages', () => {
    const xml =
      '<ListMultipartUploadsResult><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated><NextKeyMarker>k%20b</NextKeyMarker>' +
      '<NextUploadIdMarker>U2</NextUploadIdMarker><Upload><Key>k%20b</Key><UploadId>U2</UploadId><Initiated>t</Initiated></Upload></ListMultipartUploadsResult>';
    expect(parseListUploads(xml)).toEqual({
      uploads: [{ key: 'k b', uploadId: 'U2', initiated: 't' }],
      next: { keyMarker: 'k b', uploadIdMarker: 'U2' },
    });
  });

  it('reads the upload id and the completed ETag, and refuses an empty upload id', () => {
    expect(
      parseInitiateResult(
        '<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>0A1B</UploadId></InitiateMultipartUploadResult>',
      ),
    ).toBe('0A1B');
    expect(
      parseCompleteResult('<CompleteMultipartUploadResult><ETag>"X-2"</ETag></CompleteMultipartUploadResult>'),
    ).toBe('"X-2"');
    expect(() =>
      parseInitiateResult('<InitiateMultipartUploadResult><UploadId></UploadId></InitiateMultipartUploadResult>'),
    ).toThrow(MalformedResponseError);
    expect(() => parseCompleteResult('<Error><Code>InternalError</Code></Error>')).toThrow(MalformedResponseError);
  });
});

describe('parseErrorDocument', () => {
  it('reads Code, Message and RequestId of <Error>, and nothing of other text', () => {
    expect(
      parseErrorDocument(
        '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>R1</RequestId><Key>a</Key></Error>',
      ),
    ).toEqual({ code: 'NoSuchKey', message: 'The specified key does not exist.', requestId: 'R1' });
    expect(parseErrorDocument('<html>Bad gateway</html>')).toBeUndefined();
    expect(parseErrorDocument('Bad gateway')).toBeUndefined();
  });
});
