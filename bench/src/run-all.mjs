// `npm run bench`: runs the benchmarks and prints ratios (the report grows with each package).
import { benchCoreAesCtr } from './core-aes-ctr.mjs';
import { machine } from './stats.mjs';

console.log(`machine: ${machine()}`);
const core = await benchCoreAesCtr();
for (const [mode, r] of Object.entries(core.results)) {
  console.log(
    `core streaming AES-CTR ${mode} (Node, ${core.sizeMiB} MiB, ${core.inputChunk / 1024} KiB input chunks, ${core.cipherChunk / 1048576} MiB cipher calls): ` +
      `${r.mibPerSec.toFixed(0)} MiB/s vs raw subtle ${r.baselineMibPerSec.toFixed(0)} MiB/s → ratio ${r.ratio.toFixed(3)} (goal >= 0.9)`,
  );
}
