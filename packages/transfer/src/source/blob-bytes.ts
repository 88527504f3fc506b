// The bytes of a part given as a Blob (a File's slice), read once. A browser refuses to read a File that changed
// or was deleted after it was picked, or a large Blob it could not keep (NotReadableError, NotFoundError): that is
// ERR_FILE_UNREADABLE, not a DOMException from deep inside the upload.
import { OssCseError } from '@oss-cse/core';

/** `data` itself, or the bytes of the Blob `data`; a Blob the runtime cannot read is ERR_FILE_UNREADABLE. */
export async function bytesOf(data: Uint8Array | Blob): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  try {
    return new Uint8Array(await data.arrayBuffer());
  } catch (e) {
    const reason = (e as Error).name;
    throw new OssCseError('ERR_FILE_UNREADABLE', `the source could not be read (${reason}): choose the file again`, {
      details: { reason },
      cause: e,
    });
  }
}
