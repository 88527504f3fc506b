// Whether this runtime lets code compile WebAssembly from bytes at run time. Browsers, Node, Deno and Bun do;
// workerd (Cloudflare Workers) refuses ("Wasm code generation disallowed by embedder"). core's MD5 and
// CRC-64 module (checksum-wasm.ts) is compiled that way, so the integrity helpers use it where allowed and their
// JavaScript versions elsewhere.

/** The smallest valid module: magic number and version. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
let allowed: boolean | undefined;

/** True when `new WebAssembly.Module(bytes)` works here (checked once). */
export function wasmCodegenAllowed(): boolean {
  if (allowed === undefined) {
    try {
      allowed =
        typeof WebAssembly !== 'undefined' && new WebAssembly.Module(EMPTY_MODULE) instanceof WebAssembly.Module;
    } catch {
      allowed = false;
    }
  }
  return allowed;
}

/**
 * `wasm()`, or `js()` where WebAssembly cannot be compiled here or there is no room for one more instance: each
 * instance reserves gigabytes of address space, and a page whose tabs' frames and Workers hold many of them gets
 * RangeError ("Out of memory: Cannot allocate Wasm memory for new instance") until the garbage collector frees
 * some. The JavaScript versions give the same values, only slower; any other failure is passed on.
 */
export async function wasmOrJs<T>(wasm: () => Promise<T>, js: () => Promise<T>): Promise<T> {
  if (!wasmCodegenAllowed()) return js();
  try {
    return await wasm();
  } catch (e) {
    if (e instanceof RangeError) return js();
    throw e;
  }
}
