// The figures of one bench run, computed when it ends and kept in its JSON (bench/runs/): each a measured value
// against a baseline from the same run, scored against its goal, or reported as information (goal null). The
// report (report.mjs) and the README table (readme-table.mjs) only format what is here.

/** The goals: `on` the ratio (candidate vs baseline) or on our own value, `op` its comparison. */
export const GOALS = {
  aesRatio: { on: 'ratio', op: '>=', value: 0.9 },
  nodeTransferRatio: { on: 'ratio', op: '>=', value: 0.85 },
  nodeRssMiB: { on: 'ours', op: '<=', value: 300, unit: 'MiB' },
  nodeLeanRssMiB: { on: 'ours', op: '<=', value: 100, unit: 'MiB' },
  chromiumUploadRatio: { on: 'ratio', op: '>=', value: 0.8 },
  chromiumFloorRatio: { on: 'ratio', op: '>=', value: 0.8 },
  pageMemoryRatio: { on: 'ratio', op: '<=', value: 1.25, note: 'flat' },
  batchCopyRatio: { on: 'ratio', op: '>=', value: 0.7 },
  batchRssRatio: { on: 'ratio', op: '<=', value: 1.25, note: 'flat' },
  nodeSmallObjectRatio: { on: 'ratio', op: '>=', value: 0.6 },
  chromiumSmallObjectRatio: { on: 'ratio', op: '>=', value: 0.4 },
  rangedReadOpens: { on: 'ours', op: '<=', value: 1, unit: 'unwraps' },
  growthRatio: { on: 'ratio', op: '>=', value: 0.8, note: 'flat' },
};

/** The small-object goal of an RSA key in a runtime (the issue's targets); KMS is reported as information. */
const smallObjectGoal = (runtime, name) =>
  name.startsWith('RSA') ? (runtime === 'Node' ? GOALS.nodeSmallObjectRatio : GOALS.chromiumSmallObjectRatio) : null;

const KiB = 1024;
const MiB = 1024 * KiB;

function figure({ id, label, ours, baseline, ratio, goal = null }) {
  const value = goal?.on === 'ours' ? ours.value : ratio;
  const met = goal ? (goal.op === '>=' ? value >= goal.value : value <= goal.value) : null;
  return { id, label, ours, baseline, ratio, goal, met };
}

const rate = (value) => ({ value, unit: 'MiB/s' });

function aesFigures(runtime, list) {
  const out = [];
  for (const r of list) {
    const kib = r.inputChunk / KiB;
    const where = `${runtime}, ${r.sizeMiB} MiB in ${kib} KiB input chunks`;
    const flight = `${r.inFlightBytes / MiB} MiB in flight`;
    // By role: input chunks that core gathers into larger calls, or that it passes on whole.
    const chunks = r.inputChunk < r.coreChunkSize ? 'small-chunks' : 'large-chunks';
    for (const [mode, x] of Object.entries(r.results)) {
      const id = `aes.${runtime.toLowerCase()}.${chunks}.${mode}`;
      out.push(
        figure({
          id,
          label: `core AES-CTR ${mode}, ${where} (vs raw subtle in ${r.cipherChunk / MiB} MiB calls, ${flight})`,
          ours: rate(x.mibPerSec),
          baseline: { ...rate(x.baselineMibPerSec), label: 'raw subtle' },
          ratio: x.ratio,
          goal: GOALS.aesRatio,
        }),
      );
      if (x.sameChunkMibPerSec !== undefined) {
        out.push(
          figure({
            id: `${id}.same-chunks`,
            label: `core AES-CTR ${mode}, ${where} (vs raw subtle on the same ${kib} KiB chunks, ${flight})`,
            ours: rate(x.mibPerSec),
            baseline: { ...rate(x.sameChunkMibPerSec), label: 'raw subtle' },
            ratio: x.sameChunkRatio,
          }),
        );
      }
      for (const [name, v] of Object.entries(x.variants ?? {})) {
        out.push(
          figure({
            id: `${id}.${name}`,
            label: `core AES-CTR ${mode}, ${where}, gathered into ${v.options.chunkSize / KiB} KiB calls instead of ${r.coreChunkSize / KiB} KiB (vs raw subtle in ${r.cipherChunk / MiB} MiB calls)`,
            ours: rate(v.mibPerSec),
            baseline: { ...rate(x.baselineMibPerSec), label: 'raw subtle' },
            ratio: v.ratio,
          }),
        );
      }
    }
  }
  return out;
}

function nodeTransferFigures(t) {
  const out = [];
  for (const [dirn, x] of Object.entries(t.results)) {
    out.push(
      figure({
        id: `node.${dirn}`,
        label: `Node encrypted ${dirn}, ${t.sizeMiB} MiB, ${t.partSize / MiB} MiB parts × ${t.concurrency} (vs ali-oss ${dirn === 'upload' ? 'multipartUpload' : 'ranged GETs'})`,
        ours: rate(x.mibPerSec),
        baseline: { ...rate(x.plainMibPerSec), label: 'ali-oss' },
        ratio: x.ratio,
        goal: GOALS.nodeTransferRatio,
      }),
    );
    out.push(
      figure({
        id: `node.${dirn}.rss`,
        label: `Node peak RSS, encrypted ${dirn}`,
        ours: { value: x.peakRssMiB, unit: 'MiB' },
        baseline: { value: x.plainPeakRssMiB, unit: 'MiB', label: 'plain' },
        ratio: x.peakRssMiB / x.plainPeakRssMiB,
        goal: GOALS.nodeRssMiB,
      }),
    );
  }
  return out;
}

/**
 * The issue's lean-memory target (node-memory.mjs): each transfer alone in a fresh process, at its own part size and
 * concurrency; the client's and the CLI's peak RSS against plain ali-oss's, and the client's rates. Runs before it
 * was measured have none.
 */
export function nodeMemoryFigures(m) {
  if (!m) return [];
  const setting = `${m.sizeMiB} MiB, ${m.partSize / MiB} MiB parts × ${m.concurrency}, fresh process`;
  const plainWhat = { upload: 'ali-oss multipartUpload', download: 'ali-oss ranged GETs' };
  const sideWhat = {
    upload: { client: '@oss-cse/node client upload', cli: 'CLI `oss-cse put`' },
    download: { client: '@oss-cse/node client download', cli: 'CLI `oss-cse get`' },
  };
  const out = [];
  if (m.baseline) {
    out.push(
      figure({
        id: 'node.lean.floor.rss',
        label:
          'Node peak RSS (VmHWM) of a process with the @oss-cse/node client made (module loaded, key imported), nothing transferred (vs an empty Node process)',
        ours: { value: m.baseline.clientIdleRssMiB, unit: 'MiB' },
        baseline: { value: m.baseline.emptyRssMiB, unit: 'MiB', label: 'empty Node' },
        ratio: m.baseline.clientIdleRssMiB / m.baseline.emptyRssMiB,
      }),
    );
  }
  for (const [dirn, x] of Object.entries(m.results)) {
    out.push(
      figure({
        id: `node.lean.${dirn}`,
        label: `Node encrypted ${dirn}, ${setting} (vs ${plainWhat[dirn]}, fresh process)`,
        ours: rate(x.client.mibPerSec),
        baseline: { ...rate(x.plain.mibPerSec), label: 'ali-oss' },
        ratio: x.client.mibPerSec / x.plain.mibPerSec,
        goal: GOALS.nodeTransferRatio,
      }),
    );
    for (const side of ['client', 'cli']) {
      out.push(
        figure({
          id: `node.lean.${side}.${dirn}.rss`,
          label: `Node peak RSS (VmHWM), ${sideWhat[dirn][side]}, ${setting} (vs ${plainWhat[dirn]})`,
          ours: { value: x[side].peakRssMiB, unit: 'MiB' },
          baseline: { value: x.plain.peakRssMiB, unit: 'MiB', label: 'plain' },
          ratio: x[side].peakRssMiB / x.plain.peakRssMiB,
          goal: GOALS.nodeLeanRssMiB,
        }),
      );
    }
  }
  return out;
}

function chromiumUploadFigures(upload) {
  const out = [];
  const roles = upload.length === 2 ? ['small', 'large'] : upload.map((s) => String(s.sizeMiB));
  const plain = (s) => ({ ...rate(s.plainMibPerSec), label: 'ali-oss' });
  upload.forEach((s, i) => {
    out.push(
      figure({
        id: `chromium.upload.${roles[i]}`,
        label: `Chromium encrypted upload, ${s.sizeMiB} MiB, ${s.partSize / MiB} MiB parts × ${s.concurrency} (vs ali-oss multipartUpload, same page)`,
        ours: rate(s.mibPerSec),
        baseline: plain(s),
        ratio: s.ratio,
        goal: GOALS.chromiumUploadRatio,
      }),
    );
  });
  upload.forEach((s, i) => {
    out.push(
      figure({
        id: `chromium.floor.${roles[i]}`,
        label: `Chromium page floor: presigned fetch PUTs of the same ${s.sizeMiB} MiB slices (no SDK) vs ali-oss multipartUpload`,
        ours: rate(s.floorMibPerSec),
        baseline: plain(s),
        ratio: s.floorMibPerSec / s.plainMibPerSec,
      }),
    );
    out.push(
      figure({
        id: `chromium.upload-vs-floor.${roles[i]}`,
        label: `Chromium encrypted upload, ${s.sizeMiB} MiB (vs the page floor: presigned fetch PUTs of the same slices, same page and run)`,
        ours: rate(s.mibPerSec),
        baseline: { ...rate(s.floorMibPerSec), label: 'presigned fetch' },
        ratio: s.mibPerSec / s.floorMibPerSec,
        // The issue's target is set on the 512 MiB upload; the smaller size is reported alongside.
        goal: s.sizeMiB >= 512 ? GOALS.chromiumFloorRatio : null,
      }),
    );
    out.push(
      figure({
        id: `chromium.xhr-bytes.${roles[i]}`,
        label: `Chromium presigned XHR PUTs of the same ${s.sizeMiB} MiB slices read into bytes (no SDK) vs ali-oss multipartUpload`,
        ours: rate(s.xhrBytesMibPerSec),
        baseline: plain(s),
        ratio: s.xhrBytesMibPerSec / s.plainMibPerSec,
      }),
    );
  });
  if (upload.length === 2) {
    const [small, large] = upload;
    for (const [id, what, key] of [
      ['heap', 'page JS heap peak (CDP JSHeapUsedSize)', 'heapMiB'],
      ['rss', 'renderer RSS peak (page + Worker)', 'rssMiB'],
    ]) {
      out.push(
        figure({
          id: `chromium.${id}`,
          label: `Chromium ${what}, ${large.sizeMiB} vs ${small.sizeMiB} MiB file`,
          ours: { value: large.memory.encrypted[key], unit: 'MiB' },
          baseline: { value: small.memory.encrypted[key], unit: 'MiB' },
          ratio: large.memory.encrypted[key] / small.memory.encrypted[key],
          goal: GOALS.pageMemoryRatio,
        }),
      );
    }
  }
  return out;
}

/** Streaming through the decrypting Service Worker: memory at two sizes (flat), and its rate against the page's. */
export function chromiumStreamFigures(stream) {
  if (!stream || stream.length !== 2) return [];
  const [small, large] = stream;
  const out = [
    figure({
      id: 'chromium.stream.rate',
      label: `Chromium stream of a ${large.sizeMiB} MiB encrypted object through the decrypting Service Worker (fetch of its URL, every byte checked) vs the page's own getStream`,
      ours: rate(large.mibPerSec),
      baseline: { ...rate(large.pageMibPerSec), label: 'page getStream' },
      ratio: large.mibPerSec / large.pageMibPerSec,
    }),
  ];
  for (const [id, what, key] of [
    ['heap', 'page JS heap peak (CDP JSHeapUsedSize)', 'heapMiB'],
    ['rss', 'renderer RSS peak (page + Service Worker)', 'rssMiB'],
  ]) {
    out.push(
      figure({
        id: `chromium.stream.${id}`,
        label: `Chromium ${what} while streaming through the decrypting Service Worker, ${large.sizeMiB} vs ${small.sizeMiB} MiB object`,
        ours: { value: large.memory[key], unit: 'MiB' },
        baseline: { value: small.memory[key], unit: 'MiB' },
        ratio: large.memory[key] / small.memory[key],
        goal: GOALS.pageMemoryRatio,
      }),
    );
  }
  out.push(
    figure({
      id: 'chromium.stream.rss-plateau',
      label: `Chromium renderer RSS (page + Service Worker) while a ${large.sizeMiB} MiB object streams through the decrypting Service Worker: median of the second half of the stream vs the first`,
      ours: { value: large.memory.rssSecondHalfMiB, unit: 'MiB' },
      baseline: { value: large.memory.rssFirstHalfMiB, unit: 'MiB', label: 'first half' },
      ratio: large.memory.rssSecondHalfMiB / large.memory.rssFirstHalfMiB,
      goal: GOALS.pageMemoryRatio,
    }),
  );
  return out;
}

function smallObjectFigures(runtime, perObject) {
  return Object.entries(perObject.results).map(([name, x]) =>
    figure({
      id: `${runtime === 'Node' ? '' : `${runtime.toLowerCase()}.`}object.${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      label: `${runtime === 'Node' ? '' : `${runtime} `}${perObject.bodyBytes / KiB} KiB put+get, ${name}`,
      ours: { value: x.opsPerSec, unit: 'ops/s' },
      baseline: { value: x.plainOpsPerSec, unit: 'ops/s', label: 'plain' },
      ratio: x.ratio,
      goal: smallObjectGoal(runtime, name),
    }),
  );
}

/** Envelope opens of the ranged reads with the materials cache, against the same reads without it. */
function rangedReadFigures(r) {
  const what = `Node, ${r.reads} ranged reads (${r.span / KiB} KiB) of one ${r.sizeMiB} MiB object`;
  return [
    figure({
      id: 'materials.ranged.unwraps',
      label: `${what}: data keys unwrapped (vs \`materialsCache: false\`)`,
      ours: { value: r.cached.opened, unit: 'unwraps' },
      baseline: { value: r.uncached.opened, unit: 'unwraps', label: 'no cache' },
      ratio: r.cached.opened / r.uncached.opened,
      goal: GOALS.rangedReadOpens,
    }),
    figure({
      id: 'materials.ranged.reads',
      label: `${what}: reads per second (vs \`materialsCache: false\`)`,
      ours: { value: r.cached.readsPerSec, unit: 'ops/s' },
      baseline: { value: r.uncached.readsPerSec, unit: 'ops/s', label: 'no cache' },
      ratio: r.cached.readsPerSec / r.uncached.readsPerSec,
    }),
  ];
}

/** Cost per object at the largest count against the smallest. */
function growthFigures(g) {
  const first = g.results[0];
  const last = g.results[g.results.length - 1];
  return [
    figure({
      id: 'object.growth',
      label: `Node ${g.bodyBytes / KiB} KiB put+get, RSA PKCS#1 v1.5, ${last.count} objects in a row (vs ${first.count})`,
      ours: { value: last.opsPerSec, unit: 'ops/s' },
      baseline: { value: first.opsPerSec, unit: 'ops/s', label: `${first.count} objects` },
      ratio: last.opsPerSec / first.opsPerSec,
      goal: GOALS.growthRatio,
    }),
  ];
}

function otherFigures({ perObject, chromiumSmall, ranged, growth, rsa, emulator }) {
  const out = [...smallObjectFigures('Node', perObject)];
  if (chromiumSmall) out.push(...smallObjectFigures('Chromium', chromiumSmall));
  if (ranged) out.push(...rangedReadFigures(ranged));
  if (growth) out.push(...growthFigures(growth));
  out.push(
    figure({
      id: 'rsa.unwrap',
      label: `RSA-${rsa.bits} PKCS#1 v1.5 unwrap (core \`RsaMasterKey.unwrap\`)`,
      ours: { value: rsa.opsPerSec, unit: 'ops/s' },
      baseline: { value: rsa.rawOpsPerSec, unit: 'ops/s', label: 'node:crypto RSA_NO_PADDING + parse' },
      ratio: rsa.ratio,
    }),
  );
  for (const storage of ['memory', 'disk']) {
    const x = emulator[storage];
    for (const [op, name] of [
      ['put', 'PutObject'],
      ['get', 'GetObject'],
    ]) {
      out.push(
        figure({
          id: `emulator.${storage}.${op}`,
          label: `emulator ${storage}: plain ali-oss ${name} of ${emulator.sizeMiB} MiB`,
          ours: rate(x[`${op}MibPerSec`]),
          baseline: { ...rate(emulator.bareHttp[`${op}MibPerSec`]), label: 'bare node:http' },
          ratio: x[`${op}Ratio`],
        }),
      );
    }
  }
  return out;
}

/** `oss-cse cp -r` of many 4 KiB files (batch-copy.mjs); runs before it was measured have none. */
function batchFigures(batch) {
  if (!batch) return [];
  const what = `\`oss-cse cp -r\` of ${batch.files} × ${batch.fileBytes / KiB} KiB files, ${batch.jobs} in flight`;
  return [
    figure({
      id: 'batch.cp-r',
      label: what,
      ours: { value: batch.filesPerSec, unit: 'files/s' },
      baseline: { value: batch.plainFilesPerSec, unit: 'files/s', label: 'plain ali-oss puts' },
      ratio: batch.ratio,
      goal: GOALS.batchCopyRatio,
    }),
    figure({
      id: 'batch.cp-r.rss',
      label: `\`oss-cse cp -r\` peak RSS, ${batch.files} vs ${batch.smallFiles} files`,
      ours: { value: batch.peakRssMiB, unit: 'MiB' },
      baseline: { value: batch.smallPeakRssMiB, unit: 'MiB' },
      ratio: batch.rssRatio,
      goal: GOALS.batchRssRatio,
    }),
    ...(batch.liveHeapMiB === undefined
      ? []
      : [
          figure({
            id: 'batch.cp-r.live-heap',
            label: `\`oss-cse cp -r\` live V8 heap after a full collection at exit, ${batch.files} vs ${batch.smallFiles} files`,
            ours: { value: batch.liveHeapMiB, unit: 'MiB' },
            baseline: { value: batch.smallLiveHeapMiB, unit: 'MiB' },
            ratio: batch.liveHeapMiB / batch.smallLiveHeapMiB,
          }),
          figure({
            id: 'batch.plain.rss',
            label: `plain ali-oss puts of the same trees, peak RSS, ${batch.files} vs ${batch.smallFiles} files`,
            ours: { value: batch.plainPeakRssMiB, unit: 'MiB' },
            baseline: { value: batch.smallPlainPeakRssMiB, unit: 'MiB' },
            ratio: batch.plainPeakRssMiB / batch.smallPlainPeakRssMiB,
          }),
        ]),
  ];
}

/** Every figure of a run, from its results (the shapes run-all.mjs collects). */
export function buildFigures(results) {
  return [
    ...aesFigures('Node', results.aes.node),
    ...aesFigures('Chromium', results.aes.chromium),
    ...nodeTransferFigures(results.transfer),
    ...nodeMemoryFigures(results.nodeMemory),
    ...chromiumUploadFigures(results.chromiumUpload),
    ...chromiumStreamFigures(results.chromiumStream),
    ...otherFigures(results),
    ...batchFigures(results.batchCopy),
  ];
}
