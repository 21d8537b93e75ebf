// Tasks waiting for a callback (.waitForTaskToken): a list with, for each task, Succeed (with a JSON output) and Fail
// (with an error and a cause). The list comes from this server's console endpoint; the answers go to the Step Functions
// API as SendTaskSuccess and SendTaskFailure, as a worker holding the token would send them.
"use strict";

const CallbackPanel = (() => {
  async function waiting(executionArn) {
    const response = await fetch("/console/callbacks", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: CONSOLE_AUTHORIZATION },
      body: JSON.stringify(executionArn ? { executionArn } : {}),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${json.__type}: ${json.message}`);
    return json.tasks;
  }

  /** One task's row: what waits, since when, and the two answers. answered() runs after an answer was accepted. */
  function row(task, withExecution, answered) {
    const output = h("textarea", { "data-testid": "callback-output", "aria-label": "Output (JSON)", rows: 3 }, "{}");
    const error = h("input", { "data-testid": "callback-error", "aria-label": "Error", placeholder: "Error" });
    const cause = h("input", { "data-testid": "callback-cause", "aria-label": "Cause", placeholder: "Cause" });
    const message = h("div", { class: "error", "data-testid": "callback-message" });
    const send = async (operation, body) => {
      message.textContent = "";
      try {
        await sfn(operation, { taskToken: task.taskToken, ...body });
        answered();
      } catch (failure) { message.textContent = failure.message; }
    };
    const limits = [task.timeoutSeconds ? `timeout ${task.timeoutSeconds} s` : "", task.heartbeatSeconds ? `heartbeat ${task.heartbeatSeconds} s` : ""].filter(Boolean).join(", ");
    return h("tr", { "data-testid": "callback-task", "data-token": task.taskToken },
      withExecution ? h("td", {}, h("a", { href: executionLink(task.executionArn) }, nameOf(task.executionArn))) : null,
      h("td", { "data-testid": "callback-state" }, task.stateName, h("div", { class: "hint" }, nameOf(task.resource.replace(/:::/, ":")))),
      h("td", {}, when(task.since), limits ? h("div", { class: "hint" }, limits) : ""),
      h("td", {}, h("details", {}, h("summary", {}, "token"), h("code", { class: "token" }, task.taskToken))),
      h("td", {}, output, h("button", { class: "small", "data-testid": "callback-succeed", onclick: () => send("SendTaskSuccess", { output: output.value }) }, "Succeed")),
      h("td", {}, error, cause, h("button", { class: "small", "data-testid": "callback-fail", onclick: () => send("SendTaskFailure", { error: error.value || undefined, cause: cause.value || undefined }) }, "Fail"), message));
  }

  /**
   * Keeps container showing the tasks waiting (of one execution, or of all when executionArn is null). Rows of tasks
   * still waiting are kept as they are, so that a refresh does not clear what is being typed into them.
   */
  async function refresh(container, executionArn, answered) {
    const tasks = await waiting(executionArn);
    let body = container.querySelector("tbody");
    if (!body) {
      body = h("tbody");
      container.replaceChildren(h("table", { class: "history callbacks", "data-testid": "callbacks" },
        h("thead", {}, h("tr", {}, executionArn ? null : h("th", {}, "Execution"), h("th", {}, "State"), h("th", {}, "Waiting since"), h("th", {}, "Task token"), h("th", {}, "Succeed with output"), h("th", {}, "Fail with error and cause"))),
        body), h("div", { class: "empty", "data-testid": "no-callbacks" }, "No task is waiting for a callback."));
    }
    const wanted = new Set(tasks.map(t => t.taskToken));
    for (const existing of [...body.children]) if (!wanted.has(existing.dataset.token)) existing.remove();
    const shown = new Set([...body.children].map(r => r.dataset.token));
    for (const task of tasks) if (!shown.has(task.taskToken)) body.append(row(task, !executionArn, answered));
    container.querySelector("[data-testid=no-callbacks]").hidden = tasks.length > 0;
    container.querySelector("table").hidden = tasks.length === 0;
    return tasks.length;
  }

  /** The page of its own: every task waiting, refreshed every two seconds. */
  async function page(container, token) {
    setCrumbs(h("a", { href: "#/" }, "State machines"), h("span", {}, "Waiting for callbacks"));
    const list = h("div");
    container.replaceChildren(h("h1", {}, "Tasks waiting for a callback"),
      h("p", { class: "sub" }, "Task states with .waitForTaskToken wait here until SendTaskSuccess, SendTaskFailure or their timeout."),
      h("div", { class: "card" }, list));
    const load = async () => { await refresh(list, null, load); schedule(load, 2000, token); };
    await load();
  }

  return { refresh, page };
})();
