// Identifier octets of the DER universal types the key formats use, each an exported constant so that a bundler
// inlines the number at each use. Read as `TAG.SEQUENCE` (der-reader.ts re-exports this module as `TAG`). Internal
// module.

export const INTEGER = 0x02;
export const BIT_STRING = 0x03;
export const OCTET_STRING = 0x04;
export const NULL = 0x05;
export const OID = 0x06;
export const SEQUENCE = 0x30;
export const SET = 0x31;
