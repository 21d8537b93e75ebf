// The console's pages: state machines, one state machine (graph, start form, executions) and one execution
// (graph with the path taken, state details, event history). Every call goes to the Step Functions API of this
// server, exactly as the AWS CLI would make it.
"use strict";

const page = document.getElementById("page");
const crumbs = document.getElementById("breadcrumbs");
let refreshTimer = null;
let renderToken = 0;

// The endpoint serves API calls that carry an AWS-style Authorization header (not verified). A page of another origin
// cannot add one without a CORS preflight, which the endpoint never grants.
const CONSOLE_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=console/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=console";

async function sfn(operation, body) {
  const response = await fetch("/", {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.0",
      "X-Amz-Target": `AWSStepFunctions.${operation}`,
      Authorization: CONSOLE_AUTHORIZATION,
    },
    body: JSON.stringify(body || {}),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${json.__type}: ${json.message}`);
  return json;
}

async function allHistory(executionArn) {
  const events = [];
  let nextToken;
  do {
    const pageOfEvents = await sfn("GetExecutionHistory", { executionArn, maxResults: 1000, nextToken });
    events.push(...pageOfEvents.events);
    nextToken = pageOfEvents.nextToken;
  } while (nextToken);
  return events;
}

/** Builds an element: h("a", {href: "#"}, "text", child...). Text is always set as text, never as HTML. */
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
  return node;
}

const when = seconds => seconds ? new Date(seconds * 1000).toLocaleString() : "—";
const pretty = text => { if (text === undefined || text === null) return ""; try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return String(text); } };
const badge = status => h("span", { class: `badge ${status}`, "data-testid": "status" }, status);
const stateMachineLink = arn => `#/state-machine/${encodeURIComponent(arn)}`;
const executionLink = arn => `#/execution/${encodeURIComponent(arn)}`;
const nameOf = arn => arn.split(":").slice(-1)[0];

function showError(error) {
  page.replaceChildren(h("div", { class: "card" }, h("h2", {}, "Something went wrong"), h("div", { class: "error" }, error.message || String(error))));
}

function setCrumbs(...parts) {
  crumbs.replaceChildren(...parts.flatMap((p, i) => [i ? " / " : "", p]));
}

// ---------------------------------------------------------------- state machines

async function stateMachinesPage(token) {
  setCrumbs(h("span", {}, "State machines"));
  const { stateMachines } = await sfn("ListStateMachines", {});
  // The user may have opened another page while the list loaded; a late answer must not replace it.
  if (token !== renderToken) return;
  page.replaceChildren(
    h("h1", {}, "State machines"),
    h("p", { class: "sub" }, "Registered on this local endpoint. Create more with aws stepfunctions create-state-machine --endpoint-url " + location.origin,
      " — or grade a hand-built saga definition on ", h("a", { href: "#/check" }, "Check a state machine"), "."),
    h("div", { class: "card" }, stateMachines.length === 0 ? h("div", { class: "empty" }, "No state machine yet.") :
      h("table", {},
        h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Type"), h("th", {}, "Created"))),
        h("tbody", {}, stateMachines.map(m => h("tr", {},
          h("td", {}, h("a", { href: stateMachineLink(m.stateMachineArn) }, m.name)),
          h("td", {}, m.type), h("td", {}, when(m.creationDate))))))));
}

// ---------------------------------------------------------------- one state machine

async function stateMachinePage(arn, token) {
  const machine = await sfn("DescribeStateMachine", { stateMachineArn: arn });
  if (token !== renderToken) return;
  setCrumbs(h("a", { href: "#/" }, "State machines"), h("span", {}, machine.name));
  const definition = JSON.parse(machine.definition);
  const graph = h("div", { class: "graph" });
  const executions = h("div", {}, h("div", { class: "empty" }, "Loading…"));
  page.replaceChildren(
    h("h1", {}, machine.name, h("span", { class: "badge ACTIVE" }, machine.type), queryLanguageBadge(definition.QueryLanguage)),
    h("p", { class: "sub" }, machine.stateMachineArn),
    h("div", { class: "grid" },
      h("div", { class: "card" }, h("h2", {}, "Workflow"), graph, legend(false)),
      h("div", {}, startForm(machine), h("div", { class: "card" }, h("h2", {}, "Executions"), executions))));
  WorkflowGraph.render(graph, WorkflowGraph.layout(definition), new Map(), new Set(), null, null);

  const refresh = async () => {
    if (token !== renderToken) return;
    try {
      const list = await sfn("ListExecutions", { stateMachineArn: arn, maxResults: 50 });
      if (token !== renderToken) return;
      executions.replaceChildren(executionTable(list.executions, refresh));
      schedule(refresh, 2000, token);
    } catch (error) { executions.replaceChildren(h("div", { class: "error" }, error.message)); }
  };
  await refresh();
}

function executionTable(list, refresh) {
  if (list.length === 0) return h("div", { class: "empty" }, "No execution yet. Start one above.");
  return h("table", { "data-testid": "executions" },
    h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Status"), h("th", {}, "Started"), h("th", {}, ""))),
    h("tbody", {}, list.map(e => h("tr", {},
      h("td", {}, h("a", { href: executionLink(e.executionArn) }, e.name)),
      h("td", {}, badge(e.status)),
      h("td", {}, when(e.startDate)),
      h("td", {}, e.status === "RUNNING" ? h("button", { class: "small", onclick: async () => { await sfn("StopExecution", { executionArn: e.executionArn }); refresh(); } }, "Stop") : "")))));
}

function startForm(machine) {
  const scenario = h("select", { id: "scenario", "aria-label": "Scenario" }, h("option", { value: "" }, "Loading scenarios…"));
  const input = h("textarea", { id: "input", spellcheck: "false", "aria-label": "Input" }, "{}");
  const name = h("input", { id: "execution-name", type: "text", placeholder: "optional: a name of your own (unique)", "aria-label": "Execution name" });
  const description = h("div", { class: "hint" });
  const error = h("div");
  const start = h("button", { class: "primary", id: "start-execution", onclick: async () => {
    error.replaceChildren();
    start.disabled = true;
    try {
      const body = { stateMachineArn: machine.stateMachineArn, input: input.value };
      if (name.value.trim()) body.name = name.value.trim();
      const started = await sfn("StartExecution", body);
      location.hash = executionLink(started.executionArn);
    } catch (e) { error.replaceChildren(h("div", { class: "error" }, e.message)); }
    finally { start.disabled = false; }
  } }, "Start execution");

  fetch("/console/scenarios").then(r => r.json()).then(({ scenarios }) => {
    scenario.replaceChildren(h("option", { value: "" }, "Typed JSON (below)"),
      ...scenarios.map(s => h("option", { value: s.file }, s.file)));
    scenario.onchange = () => {
      const chosen = scenarios.find(s => s.file === scenario.value);
      if (chosen) input.value = pretty(chosen.input);
      description.textContent = chosen && chosen.description ? chosen.description : "";
    };
  }).catch(e => error.replaceChildren(h("div", { class: "error" }, `Could not list the scenarios: ${e.message}`)));

  return h("div", { class: "card" }, h("h2", {}, "Start an execution"),
    h("label", { for: "scenario" }, "Scenario (events/*.json)"), scenario, description,
    h("label", { for: "input" }, "Input"), input,
    h("label", { for: "execution-name" }, "Name"), name,
    h("div", { class: "row" }, start), error);
}

function legend(withPath) {
  return h("div", { class: "legend" },
    withPath ? [h("span", { class: "l-succeeded" }, "succeeded"), h("span", { class: "l-caught" }, "failed, caught"), h("span", { class: "l-failed" }, "failed"), h("span", { class: "l-running" }, "running")] : [],
    h("span", { class: "l-idle" }, "not run"), h("span", { class: "l-catch" }, "Catch → compensation"),
    withPath ? [h("span", { class: "l-pill l-attempts" }, "retried: attempts made"), h("span", { class: "l-pill l-visits" }, "ran more than once")] : []);
}

// ---------------------------------------------------------------- one execution

async function executionPage(arn, token) {
  const machine = await sfn("DescribeStateMachineForExecution", { executionArn: arn });
  if (token !== renderToken) return;
  const definition = JSON.parse(machine.definition);
  const model = WorkflowGraph.layout(definition);
  const states = StateMachineDefinition.index(definition);
  const branchOf = (parallel, state) => states.get(state)?.container === parallel ? states.get(state).branch : -1;
  setCrumbs(h("a", { href: "#/" }, "State machines"), h("a", { href: stateMachineLink(machine.stateMachineArn) }, machine.name), h("span", {}, nameOf(arn)));

  const header = h("div");
  const graph = h("div", { class: "graph", "data-testid": "graph" });
  const path = h("ol", { class: "path", "data-testid": "path" });
  const stateDetails = h("div", { "data-testid": "state-details" });
  const history = h("div");
  const callbacks = h("div");
  const callbacksCard = h("div", { class: "card", hidden: true, "data-testid": "execution-callbacks" }, h("h2", {}, "Waiting for a callback"), callbacks);
  page.replaceChildren(header, callbacksCard,
    h("div", { class: "grid" },
      h("div", { class: "card" }, h("h2", {}, "Graph"), graph, legend(true), h("h2", { style: "margin-top:14px" }, "Path taken"), path),
      h("div", {}, h("div", { class: "card" }, stateDetails))),
    h("div", { class: "card" }, h("h2", {}, "Event history"), history));

  // The selected state, and which of its visits (a state inside a Map runs once per item, a loop enters it again).
  let selected = null;
  let selectedVisit = null;
  let latest = null;
  // The header is rebuilt only when the execution's description changes: a button replaced by the once-a-second
  // refresh between a press and its release loses the click.
  let shownDescription = null;
  // Only the newest load draws: a refresh that was already under way when Stop or Redrive was pressed answers late.
  let loads = 0;
  const draw = () => {
    const { execution, events } = latest;
    const { visits, top } = ExecutionHistory.read(events, execution.status, branchOf);
    if (!selected || !states.has(selected)) selected = top.length ? top[top.length - 1].name : definition.StartAt;
    const select = name => { selected = name; selectedVisit = null; draw(); };
    WorkflowGraph.render(graph, model, ExecutionHistory.summaries(visits), ExecutionHistory.takenEdges(visits), selected, select);
    path.replaceChildren(...top.map(v => h("li", { class: v.status, "data-state": v.name, "data-status": v.status }, v.name)));
    const ofState = visits.filter(v => v.name === selected);
    const shown = ofState.includes(selectedVisit) ? selectedVisit : ofState.find(v => v.enteredId === selectedVisit?.enteredId) || ofState[ofState.length - 1] || null;
    selectedVisit = shown;
    stateDetails.replaceChildren(...stateCard(selected, states.get(selected), ofState, shown, visit => { selectedVisit = visit; draw(); }).flat(Infinity).filter(Boolean));
    const description = JSON.stringify(execution);
    if (description !== shownDescription) {
      shownDescription = description;
      header.replaceChildren(executionHeader(execution, definition,
        async () => { await sfn("StopExecution", { executionArn: arn, error: "Stopped", cause: "Stopped from the console." }); load(); },
        async () => {
          try { await sfn("RedriveExecution", { executionArn: arn }); } catch (error) { header.append(h("div", { class: "error" }, error.message)); return; }
          load();
        }));
    }
    history.replaceChildren(historyTable(events, execution.startDate));
  };
  const load = async () => {
    if (token !== renderToken) return;
    const sequence = ++loads;
    try {
      const [execution, events] = await Promise.all([sfn("DescribeExecution", { executionArn: arn }), allHistory(arn)]);
      if (token !== renderToken || sequence !== loads) return;
      latest = { execution, events };
      draw();
      callbacksCard.hidden = (await CallbackPanel.refresh(callbacks, arn, load)) === 0;
      if (execution.status === "RUNNING") schedule(load, 1000, token);
    } catch (error) { shownDescription = null; header.replaceChildren(h("div", { class: "error" }, error.message)); }
  };
  await load();
}

function executionHeader(execution, definition, stop, redrive) {
  // A failed, timed-out or aborted execution that DescribeExecution calls REDRIVABLE runs again from where it failed.
  const action = execution.status === "RUNNING" ? h("button", { class: "small", onclick: stop }, "Stop execution")
    : execution.redriveStatus === "REDRIVABLE" ? h("button", { class: "small", id: "redrive-execution", onclick: redrive }, "Redrive")
    : "";
  return h("div", {},
    h("h1", {}, execution.name, badge(execution.status), queryLanguageBadge(definition.QueryLanguage), action),
    h("p", { class: "sub" }, execution.executionArn),
    h("div", { class: "card" }, h("dl", { class: "facts" },
      h("dt", {}, "Started"), h("dd", {}, when(execution.startDate)),
      h("dt", {}, "Ended"), h("dd", {}, when(execution.stopDate)),
      h("dt", {}, "Duration"), h("dd", {}, execution.stopDate ? `${Math.round((execution.stopDate - execution.startDate) * 1000)} ms` : "running"),
      execution.redriveCount ? [h("dt", {}, "Redriven"), h("dd", { "data-testid": "redrive-count" }, `${execution.redriveCount} time(s), last ${when(execution.redriveDate)}`)] : [],
      execution.error ? [h("dt", {}, "Error"), h("dd", { "data-testid": "execution-error" }, execution.error)] : [],
      execution.cause ? [h("dt", {}, "Cause"), h("dd", {}, readableCause(execution.cause))] : [])));
}

/** A Lambda error cause is a JSON object whose errorMessage is what a person wants to read. */
function readableCause(cause) {
  try { const parsed = JSON.parse(cause); if (parsed && parsed.errorMessage) return parsed.errorMessage; } catch { /* plain text */ }
  return cause;
}

const STATUS_BADGES = { succeeded: "SUCCEEDED", running: "RUNNING", aborted: "ABORTED", caught: "CAUGHT", failed: "FAILED" };

/** The query language a definition (or a state) uses; JSONPath when it says nothing. */
function queryLanguageBadge(queryLanguage) {
  const language = queryLanguage || "JSONPath";
  return h("span", { class: `badge language ${language}`, "data-testid": "query-language" }, language);
}

/** A variables object as a block: every name with its value, or a word saying there is none. */
function variablesBlock(title, testId, variables, none) {
  const names = Object.keys(variables || {});
  return [h("label", {}, title), h("pre", { "data-testid": testId, class: names.length ? "" : "none" }, names.length ? JSON.stringify(variables, null, 2) : none)];
}

/**
 * The selected state: its definition, and for the chosen visit its input, the arguments it sent, its output, its error,
 * the variables it assigned and those in scope once it had run. visits are all visits of the state, oldest first.
 */
function stateCard(name, entry, visits, visit, choose) {
  const state = entry ? entry.state : {};
  const block = (title, text, testId) => [h("label", {}, title), h("pre", { "data-testid": testId }, text)];
  const picker = visits.length > 1 ? h("select", { "aria-label": "Visit", "data-testid": "visit-picker", onchange: e => choose(visits[Number(e.target.value)]) },
    visits.map((v, i) => h("option", { value: i, selected: v === visit }, `Visit ${i + 1} of ${visits.length}${v.label ? ` — ${v.label}` : ""} (${v.status})`))) : "";
  return [
    h("h2", {}, `State: ${name}`, " ",
      visit ? h("span", { class: `badge ${STATUS_BADGES[visit.status]}`, "data-testid": "state-status" }, STATUS_BADGES[visit.status]) : h("span", { class: "hint" }, "not run"),
      entry ? h("span", { class: `badge language ${entry.queryLanguage}`, title: "Query language of this state" }, entry.queryLanguage) : ""),
    state.Comment ? h("div", { class: "hint" }, state.Comment) : "",
    picker,
    visit ? [
      visit.label ? h("div", { class: "hint", "data-testid": "visit-scope" }, `In ${visit.label}`) : "",
      visit.attempts > 1 ? h("div", { class: "attempts", "data-testid": "visit-attempts" }, `${visit.attempts} attempts (${visit.attempts - 1} ${visit.attempts === 2 ? "retry" : "retries"})`) : "",
      block("Input", pretty(visit.input), "state-input"),
      visit.parameters !== undefined ? block(entry && entry.queryLanguage === "JSONata" ? "Arguments (as sent)" : "Parameters (as sent)", pretty(visit.parameters), "state-parameters") : "",
      visit.output !== undefined ? block("Output", pretty(visit.output), "state-output") : "",
      visit.failure ? block("Error", `${visit.failure.error || ""}\n${readableCause(visit.failure.cause || "")}`, "state-error") : "",
      variablesBlock("Variables assigned by this state", "assigned-variables", visit.assigned, "(none)"),
      variablesBlock(visit.exited ? "Variables in scope after this state" : "Variables in scope", "variables-in-scope", visit.exited ? visit.scopeAfter : visit.scopeBefore, "(none)"),
    ] : h("div", { class: "empty" }, "The execution did not enter this state. Click a highlighted state to see its data."),
    block("Definition", JSON.stringify(state, null, 2)),
  ];
}

function historyTable(events, startDate) {
  return h("table", { class: "history", "data-testid": "history" },
    h("thead", {}, h("tr", {}, h("th", {}, "ID"), h("th", {}, "Type"), h("th", {}, "Step"), h("th", {}, "Elapsed"), h("th", {}, "Details"))),
    h("tbody", {}, events.map(event => {
      const details = ExecutionHistory.detailsOf(event);
      const failure = /(Failed|TimedOut|Aborted)$/.test(event.type);
      return h("tr", { class: failure ? "failure" : "" },
        h("td", { class: "id" }, event.id),
        h("td", { class: "type" }, event.type),
        h("td", {}, details.name || ""),
        h("td", { class: "when" }, `${Math.max(0, Math.round((event.timestamp - startDate) * 1000))} ms`),
        h("td", {}, Object.keys(details).length ? h("details", {}, h("summary", {}, "show"), h("pre", {}, JSON.stringify(details, null, 2))) : ""));
    })));
}

// ---------------------------------------------------------------- routing

function schedule(callback, delay, token) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => { if (token === renderToken) callback(); }, delay);
}

async function route() {
  clearTimeout(refreshTimer);
  const token = ++renderToken;
  const [, kind, arn] = location.hash.match(/^#\/([a-z-]+)\/(.+)$/) || [];
  try {
    if (kind === "state-machine") await stateMachinePage(decodeURIComponent(arn), token);
    else if (kind === "execution") await executionPage(decodeURIComponent(arn), token);
    else if (location.hash === "#/check") CheckPage.render();
    else if (location.hash === "#/callbacks") await CallbackPanel.page(page, token);
    else await stateMachinesPage(token);
  } catch (error) { if (token === renderToken) showError(error); }
}

window.addEventListener("hashchange", route);
route();
