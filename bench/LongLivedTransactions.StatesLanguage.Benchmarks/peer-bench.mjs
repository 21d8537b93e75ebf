// The aws-local-stepfunctions side of the engine benchmark: the same saga definition and input, with every Task
// answered at once in memory as InMemoryInvoker answers it, executions run one after the other. Reads
// {"seconds", "definition", "input", "failingFunction", "failingError"} from the file named by argv[2]; prints
// {"executionsPerSecond", "executionsPerCpuSecond", "rounds": [...], "status"}.
import { readFileSync } from 'node:fs';

// aws-local-stepfunctions 3 calls Promise.withResolvers, which Node.js has only from version 22.
Promise.withResolvers ??= function withResolvers() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
const { StateMachine } = await import('aws-local-stepfunctions');

const { seconds, definition, input, failingFunction, failingError } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const machine = new StateMachine(JSON.parse(definition));
const order = JSON.parse(input);

// One handler per Task state: SNS answers with a message id; Lambda with an Invoke-shaped envelope whose Payload is
// the input plus the function's name, or the chosen function fails with the chosen error.
const handlers = {};
for (const [name, state] of Object.entries(JSON.parse(definition).States)) {
  if (state.Type !== 'Task') continue;
  handlers[name] = state.Resource.endsWith('sns:publish')
    ? async () => ({ MessageId: 'm-1' })
    : async (parameters) => {
        const fn = parameters.FunctionName;
        if (fn === failingFunction) {
          const error = new Error(JSON.stringify({ errorMessage: 'declined', errorType: failingError }));
          error.name = failingError;
          throw error;
        }
        return { ExecutedVersion: '$LATEST', Payload: { ...parameters.Payload, last_step: fn }, StatusCode: 200 };
      };
}

async function runOnce() {
  const execution = machine.run(order, { overrides: { taskResourceLocalHandlers: handlers } });
  try {
    await execution.result;
    return 'SUCCEEDED';
  } catch {
    return 'FAILED';
  }
}

const status = await runOnce();
const warmUntil = performance.now() + Math.min(3000, seconds * 300);
while (performance.now() < warmUntil) {
  for (let i = 0; i < 100; i++) await runOnce();
}

// Five rounds, by wall clock and by CPU time (steadier on a shared machine); the median is reported.
const rounds = [];
const cpuRounds = [];
const roundMs = (seconds * 1000) / 5;
for (let round = 0; round < 5; round++) {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  let executions = 0;
  while (performance.now() - start < roundMs) {
    for (let i = 0; i < 100; i++) await runOnce();
    executions += 100;
  }
  const elapsedMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  rounds.push(executions / (elapsedMs / 1000));
  cpuRounds.push(executions / ((cpu.user + cpu.system) / 1e6));
}

const median = (values) => [...values].sort((a, b) => a - b)[2];
console.log(JSON.stringify({ executionsPerSecond: median(rounds), executionsPerCpuSecond: median(cpuRounds), rounds, status }));
