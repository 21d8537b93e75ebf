// The jsonata-js 2.0.6 side of the JSONata benchmark: the same expressions over the same inputs and bindings,
// each compiled once, warmed up, then evaluated in timed rounds. Reads the cases from the file named by argv[2]:
// {"seconds": n, "cases": [{"name", "expr", "input", "bindings"}]}; prints
// [{"name", "nsPerEval", "cpuNsPerEval", "rounds": [...], "result": <JSON text of the answer>}].
import { readFileSync } from 'node:fs';
import jsonata from 'jsonata';

const { seconds, cases } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = [];
for (const testCase of cases) {
  const expression = jsonata(testCase.expr);
  const input = testCase.input ?? undefined;
  const bindings = testCase.bindings ?? {};
  let answer;
  try {
    answer = JSON.stringify(await expression.evaluate(input, bindings));
  } catch (error) {
    answer = `error ${error.code ?? ''}: ${error.message}`;
  }

  // Warm-up: let V8 optimise the evaluator for this expression.
  const warmUntil = performance.now() + Math.min(1000, seconds * 250);
  while (performance.now() < warmUntil) {
    for (let i = 0; i < 100; i++) await expression.evaluate(input, bindings);
  }

  // Five rounds; report the median, by wall clock and by CPU time (steadier on a shared machine).
  const rounds = [];
  const cpuRounds = [];
  const roundMs = (seconds * 1000) / 5;
  for (let round = 0; round < 5; round++) {
    let count = 0;
    const started = process.hrtime.bigint();
    const cpuStarted = process.cpuUsage();
    const until = performance.now() + roundMs;
    while (performance.now() < until) {
      for (let i = 0; i < 100; i++) await expression.evaluate(input, bindings);
      count += 100;
    }
    rounds.push(Number(process.hrtime.bigint() - started) / count);
    const cpu = process.cpuUsage(cpuStarted);
    cpuRounds.push(((cpu.user + cpu.system) * 1000) / count);
  }
  rounds.sort((a, b) => a - b);
  cpuRounds.sort((a, b) => a - b);
  results.push({ name: testCase.name, nsPerEval: rounds[2], cpuNsPerEval: cpuRounds[2], rounds, result: answer });
}
process.stdout.write(JSON.stringify(results));
