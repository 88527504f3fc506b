// Loaders for every vector file (static import strings, so Vite can bundle them for Chromium).
// Loaded through Vite (vitest in Node and in Chromium), which turns JSON into modules.
export const vectorFiles = {
  'fixed-from-sdk-tests': {
    'rsa-1024-test-keypair': () => import('./fixed-from-sdk-tests/rsa-1024-test-keypair.json'),
    'v1-deprecated-kms': () => import('./fixed-from-sdk-tests/v1-deprecated-kms.json'),
    'v1-deprecated-rsa-oaep': () => import('./fixed-from-sdk-tests/v1-deprecated-rsa-oaep.json'),
    'v2-rsa-written-by-cpp-sdk': () => import('./fixed-from-sdk-tests/v2-rsa-written-by-cpp-sdk.json'),
    'v2-rsa-written-by-go-sdk': () => import('./fixed-from-sdk-tests/v2-rsa-written-by-go-sdk.json'),
    'v2-rsa-written-by-python-oss2': () => import('./fixed-from-sdk-tests/v2-rsa-written-by-python-oss2.json'),
  },
  'oss2-generated': {
    'multipart-rsa-pkcs1v15-3parts': () => import('./oss2-generated/multipart-rsa-pkcs1v15-3parts.json'),
    'put-alikms-FAKEKMS-17-bytes': () => import('./oss2-generated/put-alikms-FAKEKMS-17-bytes.json'),
    'put-localrsa-oaep-sha1-17-bytes': () => import('./oss2-generated/put-localrsa-oaep-sha1-17-bytes.json'),
    'put-rsa-pkcs1v15-1-byte': () => import('./oss2-generated/put-rsa-pkcs1v15-1-byte.json'),
    'put-rsa-pkcs1v15-15-bytes': () => import('./oss2-generated/put-rsa-pkcs1v15-15-bytes.json'),
    'put-rsa-pkcs1v15-16-bytes': () => import('./oss2-generated/put-rsa-pkcs1v15-16-bytes.json'),
    'put-rsa-pkcs1v15-17-bytes': () => import('./oss2-generated/put-rsa-pkcs1v15-17-bytes.json'),
    'put-rsa-pkcs1v15-empty': () => import('./oss2-generated/put-rsa-pkcs1v15-empty.json'),
    'put-rsa-pkcs1v15-with-md5-length-matdesc': () =>
      import('./oss2-generated/put-rsa-pkcs1v15-with-md5-length-matdesc.json'),
    'resumable-upload-checkpoint': () => import('./oss2-generated/resumable-upload-checkpoint.json'),
  },
  signing: {
    'alioss-captured': () => import('./signing/alioss-captured.json'),
    'kms-signing': () => import('./signing/kms-signing.json'),
    'oss-signing': () => import('./signing/oss-signing.json'),
  },
};

/**
 * Loads one vector file as parsed JSON.
 * @param {keyof typeof vectorFiles} group
 * @param {string} name file name without `.json`
 */
export async function loadVector(group, name) {
  const load = vectorFiles[group]?.[name];
  if (!load) throw new Error(`no vector ${group}/${name}`);
  const mod = await load();
  return mod.default;
}

/** Names of the files in a group. */
export function vectorNames(group) {
  return Object.keys(vectorFiles[group] ?? {});
}
