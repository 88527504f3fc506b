// `npm run bench`: runs the benchmarks and prints ratios (the report grows with each package).
import { benchCoreAesCtr } from './core-aes-ctr.mjs';
import { machine } from './stats.mjs';

console.log(`machine: ${machine()}`);
// Input chunking: 64 KiB is what Node file streams deliver by default, 1 MiB what Blob slices deliver.
for (const inputChunk of [64 * 1024, 1024 * 1024]) {
  const core = await benchCoreAesCtr({ inputChunk });
  for (const [mode, r] of Object.entries(core.results)) {
    console.log(
      `core streaming AES-CTR ${mode} (Node, ${core.sizeMiB} MiB, ${core.inputChunk / 1024} KiB input chunks, ${core.cipherChunk / 1048576} MiB cipher calls): ` +
        `${r.mibPerSec.toFixed(0)} MiB/s vs raw subtle ${r.baselineMibPerSec.toFixed(0)} MiB/s → ratio ${r.ratio.toFixed(3)} (goal >= 0.9)`,
    );
  }
}
