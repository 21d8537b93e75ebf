// Reads an execution history (GetExecutionHistory events, oldest first) into the path the execution took:
// one visit per state entered, with its input, output, variables, failure, and how it ended.
"use strict";

const ExecutionHistory = (() => {
  const detailsOf = event => {
    const key = Object.keys(event).find(k => k.endsWith("EventDetails"));
    return key ? event[key] : {};
  };

  /**
   * visits: [{ name, type, input, output, assigned, failure: {error, cause}, status, enteredId }] in path order.
   * status: "succeeded" (left normally), "caught" (failed, a Catch took over), "failed" (the execution failed
   * here), "running" (still in it), "aborted" (stopped here).
   * knownStates: names of the top-level states, so that states inside a Map or Parallel are not counted.
   */
  function read(events, executionStatus, knownStates) {
    const visits = [];
    let open = null;
    for (const event of events) {
      const type = event.type || "";
      const details = detailsOf(event);
      if (type.endsWith("StateEntered") && knownStates.has(details.name)) {
        open = { name: details.name, type: type.replace("StateEntered", ""), input: details.input, enteredId: event.id, timestamp: event.timestamp };
        visits.push(open);
      } else if (type.endsWith("StateExited") && open && details.name === open.name) {
        open.output = details.output;
        open.assigned = details.assignedVariables;
        open.exited = true;
        open = null;
      } else if (/Succeeded$/.test(type) && !type.startsWith("Execution") && open) {
        open.failure = undefined; // a retry succeeded
      } else if (/(Failed|TimedOut)$/.test(type) && !type.startsWith("Execution") && open && details.error !== undefined) {
        open.failure = { error: details.error, cause: details.cause };
      } else if (type === "ExecutionFailed" || type === "ExecutionTimedOut" || type === "ExecutionAborted") {
        if (open) open.failure = open.failure || { error: details.error, cause: details.cause };
      }
    }
    visits.forEach((visit, i) => {
      const later = i < visits.length - 1;
      if (visit.failure && (visit.exited || later)) visit.status = "caught";
      else if (visit.exited || later) visit.status = "succeeded";
      else if (executionStatus === "RUNNING") visit.status = "running";
      else if (executionStatus === "ABORTED") visit.status = "aborted";
      else if (executionStatus === "SUCCEEDED") visit.status = "succeeded";
      else visit.status = "failed";
    });
    return visits;
  }

  /** The status a graph node shows: that of the state's last visit. */
  function statuses(visits) {
    const map = new Map();
    for (const visit of visits) map.set(visit.name, visit.status);
    return map;
  }

  /** The transitions taken, as "from\u0000to" keys. */
  function takenEdges(visits) {
    const set = new Set();
    for (let i = 1; i < visits.length; i++) set.add(`${visits[i - 1].name}\u0000${visits[i].name}`);
    return set;
  }

  /** The variables in scope after the given visit: every assignment up to and including it. */
  function variablesAfter(visits, index) {
    const variables = {};
    for (const visit of visits.slice(0, index + 1)) {
      for (const [name, text] of Object.entries(visit.assigned || {})) {
        try { variables[name] = JSON.parse(text); } catch { variables[name] = text; }
      }
    }
    return variables;
  }

  return { read, statuses, takenEdges, variablesAfter, detailsOf };
})();
