// Whether this runtime lets code compile WebAssembly from bytes at run time. Browsers, Node, Deno and Bun do;
// workerd (Cloudflare Workers) refuses ("Wasm code generation disallowed by embedder"). hash-wasm compiles its
// modules that way, so the integrity helpers use it where allowed and their JavaScript versions elsewhere.

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
