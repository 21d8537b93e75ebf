// Reads an execution history (GetExecutionHistory events, oldest first) into the visits the execution made: one per
// state entered, at any depth (inside Parallel branches and Map iterations too), with its input, output, the variables
// it assigned and those in scope, its failure, how many attempts it took and how it ended.
"use strict";

const ExecutionHistory = (() => {
  const detailsOf = event => {
    const key = Object.keys(event).find(k => k.endsWith("EventDetails"));
    return key ? event[key] : {};
  };

  // Events that start one attempt of a state: a task call, or a Parallel/Map run. Retries add more of them.
  const ATTEMPT_EVENTS = new Set(["TaskScheduled", "LambdaFunctionScheduled", "ParallelStateStarted", "MapStateStarted"]);

  /** assignedVariables maps each name to the value's JSON text; a value that is not JSON is kept as text. */
  function parseAssigned(assigned) {
    const values = {};
    for (const [name, text] of Object.entries(assigned || {})) {
      try { values[name] = JSON.parse(text); } catch { values[name] = text; }
    }
    return values;
  }

  /** The state type an event belongs to ("ParallelStateSucceeded" -> "Parallel", "MapRunStarted" -> "Map"), or null. */
  const containerTypeOf = type => type.startsWith("ParallelState") ? "Parallel" : type.startsWith("MapState") || type.startsWith("MapRun") ? "Map" : null;

  /**
   * Returns { visits, top }: visits is every state visit in the order the states were entered; top is the visits of
   * the top-level states (the path). A visit is { name, type, input, output, assigned, scopeBefore, scopeAfter,
   * failure: {error, cause}, attempts, parameters, status, thread, enteredId }.
   *
   * Events are grouped into threads by their previousEventId chains: the top level, one per Parallel branch and one per
   * Map iteration. A thread knows its container visit, so each visit sees the variables of the scopes around it, and
   * so that a branch's visits do not end the path of the top level. branchOf(parallelName, stateName) names the branch
   * a state belongs to (its index), for labels.
   *
   * status: "succeeded" (left normally), "caught" (failed, a Catch took over), "failed" (failed and was not caught),
   * "running" (still in it), "aborted" (stopped before it ended).
   */
  function read(events, executionStatus, branchOf) {
    const root = { parent: null, container: null, label: "", open: null, vars: {}, visits: [] };
    const threadOf = new Map();
    const typeOf = new Map();
    const visits = [];

    for (const event of events) {
      const type = event.type || "";
      const details = detailsOf(event);
      typeOf.set(event.id, type);
      let thread = threadOf.get(event.previousEventId) || root;
      if (type.startsWith("Execution")) thread = root;
      else if (type === "MapIterationStarted" && thread.open) thread = child(thread, `Iteration ${details.index}`);
      else if (type.endsWith("StateEntered") && typeOf.get(event.previousEventId) === "ParallelStateStarted" && thread.open) {
        const branch = branchOf ? branchOf(thread.open.name, details.name) : -1;
        thread = child(thread, branch >= 0 ? `Branch ${branch + 1}` : details.name);
      } else if (containerTypeOf(type) && !type.endsWith("StateEntered")) {
        // A Parallel/Map ends after its last branch event: it belongs to the thread where it is open.
        let owner = thread;
        while (owner && !(owner.open && owner.open.type === containerTypeOf(type))) owner = owner.parent;
        thread = owner || thread;
      }
      threadOf.set(event.id, thread);

      if (type.endsWith("StateEntered")) {
        const visit = {
          name: details.name, type: type.replace("StateEntered", ""), input: details.input, enteredId: event.id,
          thread, attempts: 0, assigned: {}, scopeBefore: { ...thread.vars },
        };
        thread.open = visit;
        thread.visits.push(visit);
        visits.push(visit);
      } else if (type.endsWith("StateExited") && thread.open && details.name === thread.open.name) {
        const visit = thread.open;
        visit.output = details.output;
        visit.assigned = parseAssigned(details.assignedVariables);
        thread.vars = { ...thread.vars, ...visit.assigned };
        visit.scopeAfter = { ...thread.vars };
        visit.exited = true;
        thread.open = null;
      } else if (thread.open) {
        const visit = thread.open;
        if (ATTEMPT_EVENTS.has(type)) {
          visit.attempts++;
          if (details.parameters !== undefined) visit.parameters = details.parameters;
          if (details.input !== undefined && type === "LambdaFunctionScheduled") visit.parameters = details.input;
        } else if (type === "ParallelStateFailed" || type === "MapStateFailed" || type === "MapRunFailed") {
          // The event names no error: the Parallel or Map failed with the error of the last state that failed inside it.
          const inner = visits.filter(v => v.failure && within(v, visit)).pop();
          visit.failure = inner ? inner.failure : { error: "", cause: "" };
        } else if (/(Succeeded)$/.test(type)) visit.failure = undefined; // a retry succeeded
        else if (/(Failed|TimedOut)$/.test(type) && details.error !== undefined) visit.failure = { error: details.error, cause: details.cause };
      }
      if ((type === "ExecutionFailed" || type === "ExecutionTimedOut" || type === "ExecutionAborted") && root.open && !root.open.failure) {
        root.open.failure = { error: details.error, cause: details.cause };
      }
    }

    for (const visit of visits) {
      visit.status = statusOf(visit, executionStatus);
      visit.label = threadLabel(visit.thread);
    }
    return { visits, top: root.visits };

    function within(visit, container) {
      for (let t = visit.thread; t; t = t.parent) if (t.container === container) return true;
      return false;
    }

    function child(parent, label) {
      return { parent, container: parent.open, label, open: null, vars: { ...parent.vars }, visits: [] };
    }
  }

  /** "Parallel › Branch 2 › Map › Iteration 0": where a visit ran, for visits inside branches and iterations. */
  function threadLabel(thread) {
    const parts = [];
    for (let t = thread; t && t.container; t = t.parent) parts.unshift(`${t.container.name} › ${t.label}`);
    return parts.join(" › ");
  }

  function statusOf(visit, executionStatus) {
    const siblings = visit.thread.visits;
    const later = siblings.indexOf(visit) < siblings.length - 1;
    if (visit.exited || later) return visit.failure ? "caught" : "succeeded";
    if (!visit.thread.container) {
      return { RUNNING: "running", ABORTED: "aborted", SUCCEEDED: "succeeded" }[executionStatus] || "failed";
    }
    // Inside a branch or iteration: failed here, still running, or stopped because a sibling failed or the execution stopped.
    if (visit.type === "Fail" || visit.failure) return "failed";
    let containersOpen = true;
    for (let t = visit.thread; t.container; t = t.parent) containersOpen = containersOpen && !t.container.exited;
    return executionStatus === "RUNNING" && containersOpen ? "running" : "aborted";
  }

  /** What a graph node shows for one state: the status of its last visit, its number of visits and attempts. */
  function summaries(visits) {
    const map = new Map();
    for (const visit of visits) {
      const summary = map.get(visit.name) || { status: null, visits: 0, attempts: 0 };
      summary.status = visit.status;
      summary.visits++;
      summary.attempts += visit.attempts;
      map.set(visit.name, summary);
    }
    return map;
  }

  /** The transitions taken inside each thread, as "from\u0000to" keys. */
  function takenEdges(visits) {
    const set = new Set();
    const last = new Map();
    for (const visit of visits) {
      const previous = last.get(visit.thread);
      if (previous) set.add(`${previous.name}\u0000${visit.name}`);
      last.set(visit.thread, visit);
    }
    return set;
  }

  return { read, summaries, takenEdges, detailsOf };
})();
