// Plaintext files to remove if the process exits before they are committed or discarded (the CLI's
// SIGINT/SIGTERM path ends in process.exit): staged destinations and spooled uploads.
import { rmSync } from 'node:fs';

const paths = new Set<string>();
let hooked = false;

/** Removes `path` synchronously on exit unless {@link keepOnExit} is called first. */
export function removeOnExit(path: string): void {
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const p of paths) {
        try {
          rmSync(p, { force: true });
        } catch {
          // Exiting anyway; nothing else can be done.
        }
      }
    });
  }
  paths.add(path);
}

/** `path` was renamed into place or removed already: nothing to do on exit. */
export function keepOnExit(path: string): void {
  paths.delete(path);
}
