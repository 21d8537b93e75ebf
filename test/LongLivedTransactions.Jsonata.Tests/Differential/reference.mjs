// The reference side of the differential test: evaluates a batch of expressions with jsonata-js 2.0.6 (the npm
// package at the repository root) and prints one JSON answer per case, in order.
// Input (file named by argv[2]): {"documents": ["<json text>", ...], "cases": [{"expr": "...", "doc": index or -1}]}
// Output: [{"value": <tagged value>} | {"code": "T2001" | null, "message": "..."} | {"hung": true}]
// JSON cannot hold undefined, functions or non-finite numbers: they are tagged as {"__undefined__":1},
// {"__function__":1} and {"__number__":"Infinity"}.
// jsonata-js loops forever on a few inputs (for example $formatNumber(0, "000.000e00")), so the cases run in a
// worker thread: one that takes longer than the limit is answered {"hung": true} and a new worker goes on.
import { readFileSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import jsonata from 'jsonata';

const CASE_LIMIT_MS = 5000;

function tag(value) {
  if (value === undefined) return { __undefined__: 1 };
  if (typeof value === 'function') return { __function__: 1 };
  if (typeof value === 'number') return Number.isFinite(value) ? value : { __number__: String(value) };
  if (value === null || typeof value !== 'object') return value;
  if (value._jsonata_lambda || value._jsonata_function) return { __function__: 1 };
  if (Array.isArray(value)) return value.map(tag);
  const result = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) result[key] = tag(item);
  }
  return result;
}

async function answer(batch, testCase) {
  try {
    const input = testCase.doc >= 0 ? JSON.parse(batch.documents[testCase.doc]) : undefined;
    const value = await jsonata(testCase.expr).evaluate(input);
    return { value: tag(value) };
  } catch (error) {
    return { code: error?.code ?? null, message: String(error?.message ?? error) };
  }
}

if (isMainThread) {
  const file = process.argv[2];
  const batch = JSON.parse(readFileSync(file, 'utf8'));
  const verbose = process.env.JSONATA_DIFF_VERBOSE === '1';
  const answers = [];
  const runFrom = (start) => new Promise((resolve) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { file, start } });
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        answers.push({ hung: true });
        worker.terminate().then(() => resolve(answers.length));
      }, CASE_LIMIT_MS);
    };
    worker.on('message', (message) => {
      answers.push(message);
      if (verbose) process.stderr.write(`${answers.length - 1}: ${batch.cases[answers.length - 1].expr}\n`);
      arm();
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      answers.push({ code: null, message: `worker failed: ${error?.message ?? error}` });
      resolve(answers.length);
    });
    worker.on('exit', () => {
      clearTimeout(timer);
      resolve(answers.length);
    });
    arm();
  });
  let next = 0;
  while (next < batch.cases.length) {
    next = await runFrom(next);
  }
  process.stdout.write(JSON.stringify(answers));
} else {
  const batch = JSON.parse(readFileSync(workerData.file, 'utf8'));
  for (let i = workerData.start; i < batch.cases.length; i++) {
    parentPort.postMessage(await answer(batch, batch.cases[i]));
  }
}
