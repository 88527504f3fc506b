// Reading an EncryptedPrivateKeyInfo (RFC 5958) with PBES2 parameters (RFC 8018) through asn1js/pkijs. Loaded with
// import() only when an `ENCRYPTED PRIVATE KEY` is imported.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { keyImportError } from './der.js';
import { CIPHERS, MAX_PBKDF2_ITERATIONS, OID_PBES2, OID_PBKDF2, PRFS, type Pbes2 } from './pbes2.js';
import { fromSchema, parseBer } from './pkijs-support.js';

const what = 'Encrypted PKCS#8 private key';

/** The PBES2 parameters and ciphertext of a DER EncryptedPrivateKeyInfo; ERR_KEY_IMPORT naming what is unsupported. */
export function readPbes2Params(der: Uint8Array): Pbes2 {
  const root = parseBer(der, what);
  const items = root instanceof asn1js.Sequence ? root.valueBlock.value : [];
  const [algNode, dataNode] = items;
  if (items.length !== 2 || !(dataNode instanceof asn1js.OctetString))
    throw keyImportError(`${what} does not have the expected ASN.1 structure`);
  const alg = fromSchema(() => new pkijs.AlgorithmIdentifier({ schema: algNode }), what);
  if (alg.algorithmId !== OID_PBES2) {
    throw keyImportError(
      `${what} uses encryption scheme ${alg.algorithmId}; only PBES2 (PBKDF2 + AES-CBC) is supported — re-encrypt it with: openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256`,
    );
  }
  const pbes2 = fromSchema(() => new pkijs.PBES2Params({ schema: alg.algorithmParams }), `${what} PBES2 parameters`);
  if (pbes2.keyDerivationFunc.algorithmId !== OID_PBKDF2)
    throw keyImportError(
      `${what} uses key derivation ${pbes2.keyDerivationFunc.algorithmId}; only PBKDF2 is supported`,
    );
  const kdf = fromSchema(
    () => new pkijs.PBKDF2Params({ schema: pbes2.keyDerivationFunc.algorithmParams }),
    `${what} PBKDF2 parameters`,
  );
  if (!(kdf.salt instanceof asn1js.OctetString)) throw keyImportError(`${what}: PBKDF2 salt must be an OCTET STRING`);
  const hash = kdf.prf === undefined ? 'SHA-1' : PRFS[kdf.prf.algorithmId];
  if (hash === undefined)
    throw keyImportError(`${what} uses PBKDF2 PRF ${kdf.prf?.algorithmId}; supported: HMAC-SHA1/224/256/384/512`);
  const aesBits = CIPHERS[pbes2.encryptionScheme.algorithmId];
  if (aesBits === undefined)
    throw keyImportError(`${what} uses cipher ${pbes2.encryptionScheme.algorithmId}; supported: AES-128/192/256-CBC`);
  if (kdf.keyLength !== undefined && kdf.keyLength !== aesBits / 8)
    throw keyImportError(`${what}: PBKDF2 key length does not match the cipher`);
  const iterations = kdf.iterationCount;
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
    throw keyImportError(
      `${what}: PBKDF2 iteration count ${iterations} is out of range (1 to ${MAX_PBKDF2_ITERATIONS})`,
    );
  }
  const ivNode = pbes2.encryptionScheme.algorithmParams;
  if (!(ivNode instanceof asn1js.OctetString) || ivNode.valueBlock.valueHexView.length !== 16)
    throw keyImportError(`${what}: AES-CBC IV must be 16 bytes`);
  return {
    salt: kdf.salt.valueBlock.valueHexView.slice(),
    iterations,
    hash,
    aesBits,
    iv: ivNode.valueBlock.valueHexView.slice(),
    encrypted: dataNode.valueBlock.valueHexView.slice(),
  };
}
