// The "Check a state machine" page: a hand-built saga definition, pasted or uploaded, is graded by the server as the
// check command grades a file. Each scenario ran as an execution of its own, so every row links to its graph.
"use strict";

const CheckPage = (() => {
  // The last check, shown again when the user comes back from an execution's graph.
  let last = { definition: "", values: "", result: null };

  /** The Values field's lines; the server reads each as `check --set` reads its NAME=ARN. */
  const valueLines = text => text.split("\n").map(line => line.trim()).filter(Boolean);

  async function check(definition, values) {
    const response = await fetch("/console/check", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: CONSOLE_AUTHORIZATION },
      body: JSON.stringify({ definition, values }),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${json.__type}: ${json.message}`);
    return json;
  }

  const arrow = path => path.join(" → ");
  const outcome = (status, error) => error ? `${status} (${error})` : status;

  function scenarioRows(scenario) {
    const right = scenario.explanation === null && scenario.dataFindings.length === 0;
    const statusText = outcome(scenario.status, scenario.error);
    const expectedStatus = outcome(scenario.expectedStatus, scenario.expectedError);
    const rows = [h("tr", { "data-scenario": scenario.scenario, class: right ? "" : "wrong" },
      h("td", {}, scenario.executionArn ? h("a", { href: executionLink(scenario.executionArn), "data-testid": "scenario-execution" }, scenario.scenario) : scenario.scenario,
        h("div", { class: "hint" }, scenario.file)),
      h("td", { class: "check-path" }, arrow(scenario.expectedPath)),
      h("td", { class: "check-path", "data-testid": "actual-path" }, arrow(scenario.actualPath)),
      h("td", {}, statusText, statusText === expectedStatus ? "" : h("div", { class: "hint" }, `expected ${expectedStatus}`)),
      h("td", {}, h("span", { class: `badge ${right ? "SUCCEEDED" : "FAILED"}`, "data-testid": "verdict" }, right ? "right" : "wrong")))];
    if (!right) {
      rows.push(h("tr", { class: "why", "data-why": scenario.scenario }, h("td", {}, ""), h("td", { colspan: 4 },
        scenario.explanation ? h("div", { "data-testid": "explanation" }, scenario.explanation.text,
          scenario.explanation.location ? h("div", { class: "hint", "data-testid": "explanation-location" }, `at ${scenario.explanation.location}`) : "") : "",
        scenario.dataFindings.map(finding => h("div", { class: "finding", "data-testid": "data-finding" }, `data: ${finding}`)))));
    }
    return rows;
  }

  function report(result) {
    const { report } = result;
    const ran = report.scenarios.length > 0;
    const summary = ran
      ? `${report.right} of ${report.total} scenarios right${report.definitionErrors.length ? ", and the definition has errors" : ""}`
      : `No scenario ran: fix the definition's errors first (0 of ${report.total} right)`;
    return h("div", { "data-testid": "check-report" },
      h("div", { class: "card" },
        h("h2", {}, h("span", { class: `badge ${report.allRight ? "SUCCEEDED" : "FAILED"}` }, report.allRight ? "PASSED" : "NOT YET"), " ",
          h("span", { "data-testid": "check-summary" }, summary)),
        result.stateMachineArn ? h("p", { class: "sub" }, "The scenarios ran as executions of ",
          h("a", { href: stateMachineLink(result.stateMachineArn), "data-testid": "checked-state-machine" }, nameOf(result.stateMachineArn)),
          ` (${report.queryLanguage}). Click a scenario to see its graph.`) : "",
        report.warnings.map(warning => h("div", { class: "hint" }, `warning: ${warning}`)),
        ran ? h("table", { "data-testid": "check-scenarios" },
          h("thead", {}, h("tr", {}, h("th", {}, "Scenario"), h("th", {}, "Expected path"), h("th", {}, "Actual path"), h("th", {}, "Status"), h("th", {}, "Verdict"))),
          h("tbody", {}, report.scenarios.map(scenarioRows))) : ""),
      report.definitionErrors.length ? h("div", { class: "card", "data-testid": "definition-errors" },
        h("h2", {}, ran ? "AWS refuses the definition; the scenarios ran without its unreachable states" : "The definition cannot run"),
        h("ul", {}, report.definitionErrors.map(e => h("li", {}, h("code", {}, e.location || "(no location)"), ` ${e.code}: ${e.message}`)))) : "",
      report.advice.length ? h("div", { class: "card", "data-testid": "advice" },
        h("h2", {}, "Advice"),
        h("ul", {}, report.advice.map(a => h("li", {}, h("code", {}, a.location), ` ${a.message}`)))) : "");
  }

  function render() {
    setCrumbs(h("a", { href: "#/" }, "State machines"), h("span", {}, "Check a state machine"));
    const definition = h("textarea", { id: "check-definition", spellcheck: "false", "aria-label": "Definition", class: "tall",
      placeholder: "{\n  \"StartAt\": \"ProcessOrder\",\n  \"States\": { … }\n}" }, last.definition);
    const file = h("input", { id: "check-file", type: "file", accept: ".json,.yaml,.yml", "aria-label": "Upload a definition",
      onchange: async () => { if (file.files.length) definition.value = await file.files[0].text(); } });
    const values = h("textarea", { id: "check-values", spellcheck: "false", "aria-label": "Values", class: "short",
      placeholder: "MyOrderFunction=NewOrder" }, last.values);
    const status = h("div", { class: "hint", "data-testid": "check-status" });
    const result = h("div", {}, last.result ? report(last.result) : "");
    const run = h("button", { class: "primary", id: "run-check", onclick: async () => {
      result.replaceChildren();
      run.disabled = true;
      status.textContent = "Running the seven scenarios on this endpoint's functions and tables…";
      try {
        last = { definition: definition.value, values: values.value, result: null };
        last.result = await check(definition.value, valueLines(values.value));
        status.textContent = "";
        result.replaceChildren(report(last.result));
      } catch (e) {
        status.textContent = "";
        result.replaceChildren(h("div", { class: "error", "data-testid": "check-error" }, e.message));
      } finally { run.disabled = false; }
    } }, "Run the seven scenarios");

    page.replaceChildren(
      h("h1", {}, "Check a state machine"),
      h("p", { class: "sub" }, "Paste or upload a hand-built saga definition (JSON or YAML). Placeholders such as ${NewOrderFunction} or ${SagaTopic}, function names and ARNs are resolved to this endpoint's functions and topic. ",
        "The definition runs through the seven scenarios of events/, and each path, status and the records it left are graded, as the check command does."),
      h("div", { class: "card" },
        h("label", { for: "check-definition" }, "Definition"), definition,
        h("div", { class: "row" }, h("label", { for: "check-file", class: "inline" }, "or upload a file:"), file),
        h("label", { for: "check-values" }, "Values for other placeholders (one NAME=ARN per line, optional)"), values,
        h("div", { class: "row" }, run, status)),
      result);
  }

  return { render };
})();
