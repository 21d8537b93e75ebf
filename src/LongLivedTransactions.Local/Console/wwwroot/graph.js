// Draws a state machine definition as an SVG graph, for any definition.
//
// Layout, per graph (the state machine, each Parallel branch, each Map item processor), a small layered layout:
// - The forward zone holds the states reachable from StartAt through Next, Choice rules and Default, in rows by the
//   longest path from StartAt (loops are drawn back up on the right); the states of a row keep the order in which the
//   definition leads to them and sit as close as they can under the states that lead to them.
// - The handler zone, to the right, holds the states reached only through Catch (compensations and error handling).
//   Each sits in the row of the state whose failure leads to it, so a saga's compensations line up beside the steps
//   they undo and a compensation chain climbs back up: "undo in reverse order" reads at a glance.
// - A Parallel or a Map is a box that holds its branches (or its item processor), each laid out the same way.
"use strict";

const WorkflowGraph = (() => {
  const NODE_W = 232, NODE_H = 46, GAP_X = 34, ROW_GAP = 42, ZONE_GAP = 130, HANDLER_GAP = 150;
  const FRAME_PAD = 12, FRAME_TITLE = 24, FRAME_GAP = 14, LANE_GAP = 16;
  const svgNs = "http://www.w3.org/2000/svg";

  // ------------------------------------------------------------------ edges

  const OPERATORS = [["LessThanEquals", "<="], ["GreaterThanEquals", ">="], ["LessThan", "<"], ["GreaterThan", ">"], ["Equals", "=="], ["Matches", "matches"]];
  const TESTS = { IsNull: ["is null", "is not null"], IsPresent: ["is present", "is absent"], IsNumeric: ["is numeric", "is not numeric"],
    IsString: ["is a string", "is not a string"], IsBoolean: ["is a boolean", "is not a boolean"], IsTimestamp: ["is a timestamp", "is not a timestamp"] };

  /** A Choice rule as a short condition: "$.mode == \"fan-out\"", "$.n > 3 and not ($.x is null)", or its JSONata. */
  function conditionText(rule) {
    if (typeof rule.Condition === "string") return rule.Condition.replace(/^\s*\{%\s*|\s*%\}\s*$/g, "");
    if (rule.Condition !== undefined) return JSON.stringify(rule.Condition);
    if (rule.And) return rule.And.map(r => `(${conditionText(r)})`).join(" and ");
    if (rule.Or) return rule.Or.map(r => `(${conditionText(r)})`).join(" or ");
    if (rule.Not) return `not (${conditionText(rule.Not)})`;
    for (const [test, [yes, no]] of Object.entries(TESTS)) if (test in rule) return `${rule.Variable} ${rule[test] ? yes : no}`;
    for (const key of Object.keys(rule)) {
      const operator = OPERATORS.find(([suffix]) => key.endsWith(suffix) || key.endsWith(`${suffix}Path`));
      if (operator && key !== "Variable") return `${rule.Variable} ${operator[1]} ${key.endsWith("Path") ? rule[key] : JSON.stringify(rule[key])}`;
    }
    return "(rule)";
  }

  const shorten = (text, max = 40) => text.length > max ? `${text.slice(0, max - 1)}…` : text;

  /** Every transition of a state: Next, Choice rules (with their condition), Default, and Catch (with its errors). */
  function edgesOf(name, state) {
    const edges = [];
    if (state.Next) edges.push({ from: name, to: state.Next, kind: "next" });
    for (const rule of state.Choices || []) if (rule.Next) edges.push({ from: name, to: rule.Next, kind: "next", choice: conditionText(rule) });
    if (state.Default) edges.push({ from: name, to: state.Default, kind: "next", choice: "Default" });
    for (const catcher of state.Catch || []) if (catcher.Next) edges.push({ from: name, to: catcher.Next, kind: "catch", errors: catcher.ErrorEquals || [] });
    return edges;
  }

  /** Merges edges with the same ends and kind (ErrProcessPayment and States.ALL to one handler) into one labelled edge. */
  function mergeEdges(edges) {
    const merged = new Map();
    for (const edge of edges) {
      const key = `${edge.from}\u0000${edge.to}\u0000${edge.kind}`;
      const existing = merged.get(key);
      if (!existing) merged.set(key, { ...edge, errors: edge.errors ? [...edge.errors] : undefined, choices: edge.choice ? [edge.choice] : undefined });
      else if (edge.errors) existing.errors.push(...edge.errors);
      else if (edge.choice) existing.choices = [...(existing.choices || []), edge.choice];
    }
    return [...merged.values()].map(edge => ({ ...edge, label: labelOf(edge) }));
  }

  function labelOf(edge) {
    if (edge.kind === "catch") return (edge.errors.filter(e => e !== "States.ALL").join(", ") || "States.ALL");
    return edge.choices ? edge.choices.join(" | ") : null;
  }

  // ------------------------------------------------------------------ layout

  /** The layout of the whole state machine: nested boxes with coordinates relative to their parent. */
  function layout(definition) {
    return layoutGraph(definition, true);
  }

  function layoutGraph(graph, topLevel) {
    const states = graph.States || {};
    const names = Object.keys(states);
    const edges = mergeEdges(names.flatMap(n => edgesOf(n, states[n]))).filter(e => states[e.to]);
    const top = topLevel ? 64 : 22, pad = topLevel ? 24 : 6;
    const nodes = new Map(names.map(n => [n, measure(n, states[n])]));

    // Forward zone: depth-first from StartAt through Next/Choice/Default; edges back to a state on the way are loops.
    const nextOf = n => edges.filter(e => e.from === n && e.kind === "next");
    const order = [], postorder = [], onPath = new Set(), seen = new Set();
    const visit = n => {
      seen.add(n); onPath.add(n); order.push(n);
      for (const e of nextOf(n)) {
        if (onPath.has(e.to)) e.loop = true;
        else if (!seen.has(e.to)) visit(e.to);
      }
      onPath.delete(n); postorder.push(n);
    };
    if (states[graph.StartAt]) visit(graph.StartAt);
    const forward = new Set(order);
    const row = new Map(order.map(n => [n, 0]));
    for (const n of [...postorder].reverse()) for (const e of nextOf(n)) if (!e.loop) row.set(e.to, Math.max(row.get(e.to), row.get(n) + 1));
    for (const n of forward) nodes.get(n).zone = "forward";

    // Handler zone: beside the failing state; a chain of handlers keeps climbing (or descending) the way it started;
    // a catch from a handler goes one column further right. Unreached states go below everything.
    const col = new Map(), taken = new Set();
    const claim = (n, r, c) => {
      while (taken.has(`${r}:${c}`)) c++;
      taken.add(`${r}:${c}`);
      row.set(n, r); col.set(n, c); nodes.get(n).zone = "handler";
    };
    const incoming = n => edges.filter(e => e.to === n && e.from !== n);
    const climbs = n => incoming(n).some(e => e.kind === "next" && col.has(e.from) && row.get(e.from) > row.get(n));
    let pending = names.filter(n => !forward.has(n));
    for (const n of pending) {
      const fromForward = incoming(n).filter(e => e.kind === "catch" && forward.has(e.from));
      if (fromForward.length) claim(n, Math.min(...fromForward.map(e => row.get(e.from))), 0);
    }
    for (let relax = false; (pending = pending.filter(n => !col.has(n))).length;) {
      let progress = false;
      for (const n of pending) {
        const sources = incoming(n);
        if (!relax && sources.some(e => !row.has(e.from) || (!forward.has(e.from) && !col.has(e.from)))) continue;
        const fromHandlers = sources.filter(e => e.kind === "next" && col.has(e.from));
        const catchFromHandler = sources.find(e => e.kind === "catch" && col.has(e.from));
        if (fromHandlers.length) {
          const rows = fromHandlers.map(e => row.get(e.from));
          const up = fromHandlers.some(e => climbs(e.from));
          claim(n, up ? Math.min(...rows) - 1 : Math.max(...rows) + 1, Math.min(...fromHandlers.map(e => col.get(e.from))));
        } else if (catchFromHandler) claim(n, row.get(catchFromHandler.from), col.get(catchFromHandler.from) + 1);
        else if (relax) claim(n, Math.max(0, ...row.values()) + 1, 0);
        else continue;
        progress = true;
      }
      relax = !progress;
    }

    // Rows: as tall as their tallest box; rows above the start (a chain that climbed) shift everything down.
    const rows = [...new Set(row.values())].sort((a, b) => a - b);
    const rowY = new Map();
    let y = top;
    for (const r of rows) {
      rowY.set(r, y);
      y += Math.max(...names.filter(n => row.get(n) === r).map(n => nodes.get(n).h)) + ROW_GAP;
    }
    for (const n of names) nodes.get(n).y = rowY.get(row.get(n));

    // Forward x: each row in path order, every box as near as it can be to the centre of the boxes leading to it.
        const center = n => nodes.get(n).x + nodes.get(n).w / 2;
    let previousCenter = 0;
    for (const r of rows) {
      const inRow = order.filter(n => row.get(n) === r);
      const desired = inRow.map(n => {
        const parents = edges.filter(e => e.to === n && e.kind === "next" && !e.loop && forward.has(e.from) && row.get(e.from) < r);
        return parents.length ? parents.reduce((sum, e) => sum + center(e.from), 0) / parents.length : previousCenter;
      });
      place(inRow.map(n => nodes.get(n)), desired);
      if (inRow.length) previousCenter = inRow.reduce((sum, n) => sum + center(n), 0) / inRow.length;
    }
    const forwardNodes = order.map(n => nodes.get(n));
    const minX = Math.min(...forwardNodes.map(n => n.x));
    for (const n of forwardNodes) n.x += pad - minX;
    const forwardRight = Math.max(pad, ...forwardNodes.map(n => n.x + n.w));

    // Handler x: one column per catch depth, each as wide as its widest box.
    const handlers = names.filter(n => col.has(n));
    const handlerX = forwardNodes.length ? forwardRight + ZONE_GAP : pad;
    const columns = Math.max(0, ...handlers.map(n => col.get(n) + 1));
    let x = handlerX;
    for (let c = 0; c < columns; c++) {
      const inColumn = handlers.filter(n => col.get(n) === c).map(n => nodes.get(n));
      const width = Math.max(NODE_W, ...inColumn.map(n => n.w));
      for (const n of inColumn) n.x = x;
      x += width + HANDLER_GAP;
    }

    const all = [...nodes.values()];
    const width = Math.max(...all.map(n => n.x + n.w), NODE_W) + pad + (handlers.length ? LANE_GAP * 2 : LANE_GAP * 3);
    const height = Math.max(...all.map(n => n.y + n.h), top) + pad;
    return {
      startAt: graph.StartAt, nodes: all, edges, width, height, topLevel,
      forwardRight, handlerX: handlers.length ? handlerX : null,
    };
  }

  /**
   * Places boxes in a row, left to right in the given order, each as close as it can be to its desired centre without
   * overlapping: neighbours that would overlap are merged into one block centred on their mean (pool adjacent violators).
   */
  function place(boxes, desiredCenters) {
    const blocks = [];
    boxes.forEach((box, i) => {
      let block = { boxes: [box], width: box.w, offsets: [0], sum: desiredCenters[i] - box.w / 2 };
      block.left = block.sum;
      while (blocks.length) {
        const last = blocks[blocks.length - 1];
        if (last.left + last.width + GAP_X <= block.left) break;
        blocks.pop();
        const base = last.width + GAP_X;
        const merged = {
          boxes: [...last.boxes, ...block.boxes],
          width: base + block.width,
          offsets: [...last.offsets, ...block.offsets.map(o => o + base)],
          sum: last.sum + block.sum - base * block.boxes.length,
        };
        merged.left = merged.sum / merged.boxes.length;
        block = merged;
      }
      blocks.push(block);
    });
    for (const block of blocks) block.boxes.forEach((box, i) => { box.x = block.left + block.offsets[i]; });
  }

  /** A state's box: a plain state, or a Parallel/Map holding the layouts of its branches side by side. */
  function measure(name, state) {
    // Wide enough for the name in the usual font; a longer name is cut when drawn.
    const w = Math.min(Math.max(NODE_W, Math.ceil(name.length * 7.6) + 34), 2 * NODE_W);
    const node = { name, type: state.Type, comment: state.Comment, retries: (state.Retry || []).length > 0, x: 0, y: 0, w, h: NODE_H };
    const graphs = StateMachineDefinition.childGraphs(state);
    if (!graphs.length) return node;
    const title = i => state.Type === "Map" ? `Item processor${(graphs[i].ProcessorConfig || {}).Mode === "DISTRIBUTED" ? " (distributed)" : ""}` : `Branch ${i + 1}`;
    let x = FRAME_PAD;
    node.frames = graphs.map((graph, i) => {
      const inner = layoutGraph(graph, false);
      const frame = { title: title(i), index: i, layout: inner, x, y: NODE_H, w: inner.width, h: inner.height + FRAME_TITLE };
      x += frame.w + FRAME_GAP;
      return frame;
    });
    const content = x - FRAME_GAP + FRAME_PAD;
    node.w = Math.max(w, content);
    for (const frame of node.frames) frame.x += (node.w - content) / 2;
    node.h = NODE_H + Math.max(...node.frames.map(f => f.h)) + FRAME_PAD;
    node.compound = true;
    return node;
  }

  // ------------------------------------------------------------------ routing

  const cx = n => n.x + n.w / 2;
  const anchorY = n => n.y + NODE_H / 2;
  const overlaps = (n, left, right, top, bottom) => n.x < right && n.x + n.w > left && n.y < bottom && n.y + n.h > top;

  /** An orthogonal polyline with rounded corners. */
  function rounded(points, radius = 10) {
    let d = `M${points[0][0]},${points[0][1]}`;
    for (let i = 1; i < points.length - 1; i++) {
      const [p, c, n] = [points[i - 1], points[i], points[i + 1]];
      const r = Math.min(radius, Math.hypot(c[0] - p[0], c[1] - p[1]) / 2, Math.hypot(n[0] - c[0], n[1] - c[1]) / 2);
      const into = [c[0] - Math.sign(c[0] - p[0]) * r, c[1] - Math.sign(c[1] - p[1]) * r];
      const out = [c[0] + Math.sign(n[0] - c[0]) * r, c[1] + Math.sign(n[1] - c[1]) * r];
      d += ` L${into[0]},${into[1]} Q${c[0]},${c[1]} ${out[0]},${out[1]}`;
    }
    const last = points[points.length - 1];
    return `${d} L${last[0]},${last[1]}`;
  }

  /**
   * The path of one edge and where its label goes. Same row: side to side. Down within a zone: bottom to top. Into the
   * other zone: side to side. Up, or down past other boxes: out on the right, along a lane, into the right side.
   */
  function route(a, b, edge, model) {
    const others = model.nodes.filter(n => n !== a && n !== b);
    if (Math.abs(a.y - b.y) < 1 && a !== b && !edge.loop) {
      const [s, t] = a.x < b.x ? [[a.x + a.w, anchorY(a)], [b.x, anchorY(b)]] : [[a.x, anchorY(a)], [b.x + b.w, anchorY(b)]];
      if (!others.some(n => overlaps(n, Math.min(s[0], t[0]), Math.max(s[0], t[0]), s[1] - 1, s[1] + 1))) {
        return { d: `M${s[0]},${s[1]} L${t[0]},${t[1]}`, label: [(s[0] + t[0]) / 2, s[1] - 5] };
      }
      // Boxes in between: over them, through the gap above the row.
      const gap = Math.min(a.y, b.y) - ROW_GAP / 2, turn = Math.sign(t[0] - s[0]) * 12;
      return { d: rounded([s, [s[0] + turn, s[1]], [s[0] + turn, gap], [t[0] - turn, gap], [t[0] - turn, t[1]], t]), label: [(s[0] + t[0]) / 2, gap - 4] };
    }
    const down = b.y > a.y;
    if (down && a.zone !== b.zone) {
      const right = b.x > a.x;
      const s = [right ? a.x + a.w : a.x, anchorY(a)], t = [right ? b.x : b.x + b.w, anchorY(b)];
      const bend = (t[0] - s[0]) / 2;
      return { d: `M${s[0]},${s[1]} C${s[0] + bend},${s[1]} ${t[0] - bend},${t[1]} ${t[0]},${t[1]}`, label: [(s[0] + t[0]) / 2, (s[1] + t[1]) / 2 - 5] };
    }
    const s = down ? [cx(a), a.y + a.h] : [cx(a), a.y], t = down ? [cx(b), b.y] : [cx(b), b.y + b.h];
    const [top, bottom] = [Math.min(s[1], t[1]), Math.max(s[1], t[1])];
    const stacked = a.x < b.x + b.w && b.x < a.x + a.w;
    const blocked = others.some(n => overlaps(n, Math.min(s[0], t[0]) - 6, Math.max(s[0], t[0]) + 6, top, bottom));
    if (!blocked && !edge.loop && (down || stacked)) {
      if (Math.abs(s[0] - t[0]) < 1 || !down) return { d: `M${s[0]},${s[1]} L${s[0]},${t[1]}`, label: [s[0] + 6, (s[1] + t[1]) / 2], anchor: "start" };
      const middle = (s[1] + t[1]) / 2;
      return { d: `M${s[0]},${s[1]} C${s[0]},${middle} ${t[0]},${middle} ${t[0]},${t[1]}`, label: [t[0], t[1] - 8] };
    }
    // A lane right of everything between the two rows (edges into the same state share one: see drawGraph).
    const spanTop = Math.min(a.y, b.y), spanBottom = Math.max(a.y + a.h, b.y + b.h);
    const right = Math.max(a.x + a.w, b.x + b.w, ...others.filter(n => n.y < spanBottom && n.y + n.h > spanTop && n.x < Math.max(a.x + a.w, b.x + b.w) + LANE_GAP).map(n => n.x + n.w));
    return { lane: { from: [a.x + a.w, anchorY(a)], to: [b.x + b.w, anchorY(b)], right } };
  }

  /** Turns the lane requests of the edges into paths: one lane per target state, right of all its edges' obstacles. */
  function laneRoutes(routes) {
    const byTarget = new Map();
    routes.forEach((r, i) => { if (r.lane) byTarget.set(r.target, [...(byTarget.get(r.target) || []), i]); });
    let index = 0;
    for (const members of byTarget.values()) {
      const lane = Math.max(...members.map(i => routes[i].lane.right)) + LANE_GAP + 9 * (index++ % 4);
      for (const i of members) {
        const { from, to } = routes[i].lane;
        routes[i] = { d: rounded([from, [lane, from[1]], [lane, to[1]], to]), label: [lane + 4, (from[1] + to[1]) / 2], anchor: "start" };
      }
    }
    return routes;
  }

  // ------------------------------------------------------------------ rendering

  function el(name, attrs, parent) {
    const node = document.createElementNS(svgNs, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  const MARKS = { succeeded: "✓", caught: "↺", failed: "✕", running: "…", aborted: "■" };

  /**
   * Renders the graph. summaries: Map name -> { status: "succeeded" | "caught" | "failed" | "running" | "aborted",
   * visits, attempts }; takenEdges: Set of "from\u0000to"; onSelect(name) is called when a state is clicked.
   */
  function render(container, model, summaries, takenEdges, selected, onSelect) {
    container.textContent = "";
    const svg = el("svg", { viewBox: `0 0 ${model.width} ${model.height}`, width: model.width, height: model.height, role: "img", "aria-label": "Workflow graph" }, container);
    const defs = el("defs", {}, svg);
    for (const [id, color] of [["arrow", "#aab7b8"], ["arrow-catch", "#e0a060"], ["arrow-ok", "#1d8102"], ["arrow-caught", "#c45f00"]]) {
      const marker = el("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, defs);
      el("path", { d: "M0,0 L10,5 L0,10 z", fill: color }, marker);
    }
    const context = { summaries, takenEdges, selected, onSelect };
    if (model.handlerX !== null) {
      const zoneTop = 30, zoneHeight = model.height - zoneTop - 8;
      el("rect", { class: "zone", x: 8, y: zoneTop, width: model.forwardRight + LANE_GAP * 2 - 8, height: zoneHeight, rx: 12 }, svg);
      el("text", { class: "zone-label", x: 22, y: zoneTop + 18 }, svg).textContent = "Forward path";
      el("rect", { class: "zone handlers", x: model.handlerX - 16, y: zoneTop, width: model.width - model.handlerX + 8, height: zoneHeight, rx: 12 }, svg);
      el("text", { class: "zone-label", x: model.handlerX - 2, y: zoneTop + 18 }, svg).textContent = "Compensations & error handling";
    }
    drawGraph(el("g", { class: "graph-body" }, svg), model, context);
    return svg;
  }

  function drawGraph(parent, model, context) {
    const byName = new Map(model.nodes.map(n => [n.name, n]));
    const start = byName.get(model.startAt);
    if (start && model.topLevel) {
      el("rect", { class: "start-mark", x: cx(start) - 22, y: 4, width: 44, height: 18, rx: 9 }, parent);
      el("text", { class: "start-text", x: cx(start), y: 16.5, "text-anchor": "middle" }, parent).textContent = "START";
      el("path", { class: "edge", d: `M${cx(start)},22 L${cx(start)},${start.y}`, "marker-end": "url(#arrow)" }, parent);
    } else if (start) {
      el("circle", { class: "start-dot", cx: cx(start), cy: 5, r: 4 }, parent);
      el("path", { class: "edge", d: `M${cx(start)},9 L${cx(start)},${start.y}`, "marker-end": "url(#arrow)" }, parent);
    }

    const labels = [];
    const routes = laneRoutes(model.edges.map(edge => ({ target: edge.to, ...route(byName.get(edge.from), byName.get(edge.to), edge, model) })));
    model.edges.forEach((edge, i) => {
      const { d, label, anchor } = routes[i];
      const taken = context.takenEdges.has(`${edge.from}\u0000${edge.to}`);
      const marker = taken ? (edge.kind === "catch" ? "arrow-caught" : "arrow-ok") : (edge.kind === "catch" ? "arrow-catch" : "arrow");
      const path = el("path", { class: `edge ${edge.kind}${edge.choices ? " choice" : ""}${edge.loop ? " loop" : ""}${taken ? " taken" : ""}`, d, "marker-end": `url(#${marker})`, "data-from": edge.from, "data-to": edge.to }, parent);
      if (edge.label) {
        el("title", {}, path).textContent = edge.label;
        labels.push({ edge, text: shorten(edge.label), at: label, anchor: anchor || "middle" });
      }
    });
    const placed = [];
    for (const label of labels) { // drawn after the edges so that no line crosses a label
      const group = el("g", { class: "edge-label-group" }, parent);
      el("title", {}, group).textContent = label.edge.label;
      const text = el("text", { class: `edge-label ${label.edge.kind}${label.edge.choices ? " choice" : ""}`, x: label.at[0], y: label.at[1], "text-anchor": label.anchor, "data-from": label.edge.from, "data-to": label.edge.to }, group);
      text.textContent = label.text;
      let box = text.getBBox();
      while (placed.some(p => p.x < box.x + box.width && box.x < p.x + p.width && p.y < box.y + box.height && box.y < p.y + p.height)) {
        text.setAttribute("y", Number(text.getAttribute("y")) + box.height + 2); // two labels in one place: one goes below
        box = text.getBBox();
      }
      placed.push(box);
      group.insertBefore(el("rect", { class: "edge-label-bg", x: box.x - 3, y: box.y - 1, width: box.width + 6, height: box.height + 2, rx: 3 }), text);
    }

    for (const node of model.nodes) drawNode(parent, node, context);
  }

  function drawNode(parent, node, context) {
    const summary = context.summaries.get(node.name);
    const status = summary && summary.status;
    const g = el("g", {
      class: `node ${node.zone}${node.compound ? ` compound ${node.type.toLowerCase()}` : ""}${status ? " " + status : ""}${node.name === context.selected ? " selected" : ""}`,
      "data-state": node.name, "data-type": node.type, "data-status": status || "not-run", tabindex: 0, role: "button",
    }, parent);
    el("title", {}, g).textContent = node.comment ? `${node.name} — ${node.comment}` : node.name;
    el("rect", { class: "box", x: node.x, y: node.y, width: node.w, height: node.h, rx: node.compound ? 12 : 9 }, g);
    el("text", { class: "type", x: node.x + 12, y: node.y + 16 }, g).textContent = node.retries ? `${node.type} · retry` : node.type;
    const name = el("text", { class: "name", x: node.x + 12, y: node.y + 34 }, g);
    name.textContent = node.name;
    for (let keep = node.name.length - 1; keep > 4 && name.getComputedTextLength() > node.w - 20; keep--) name.textContent = `${node.name.slice(0, keep)}…`;
    if (status) el("text", { class: "mark", x: node.x + node.w - 12, y: node.y + 18, "text-anchor": "end" }, g).textContent = MARKS[status] || "";
    drawBadges(g, node, summary);

    for (const frame of node.frames || []) {
      const branch = el("g", { class: `branch${node.type === "Map" ? " item-processor" : ""}`, "data-branch": frame.index, transform: `translate(${node.x + frame.x},${node.y + frame.y})` }, g);
      el("rect", { class: "branch-frame", x: 0, y: 0, width: frame.w, height: frame.h, rx: 8 }, branch);
      el("text", { class: "branch-title", x: 8, y: 15 }, branch).textContent = frame.title;
      drawGraph(el("g", { class: "graph-body", transform: `translate(0,${FRAME_TITLE})` }, branch), frame.layout, context);
    }

    const select = e => { e.stopPropagation(); if (context.onSelect) context.onSelect(node.name); };
    g.addEventListener("click", select);
    g.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(e); } });
  }

  /** Pills on the box's top edge: how many attempts the state made when it was retried, how often it ran. */
  function drawBadges(g, node, summary) {
    if (!summary) return;
    const pills = [];
    if (summary.attempts > summary.visits) pills.push({ testId: "attempts", cls: "attempts", text: `${summary.attempts} attempts`, value: summary.attempts });
    if (summary.visits > 1) pills.push({ testId: "visits", cls: "visits", text: `×${summary.visits}`, value: summary.visits });
    let right = node.x + node.w - 30;
    for (const pill of pills) {
      const width = pill.text.length * 6.2 + 12;
      const badge = el("g", { class: `pill ${pill.cls}`, "data-testid": pill.testId, [`data-${pill.testId}`]: pill.value }, g);
      el("rect", { x: right - width, y: node.y - 9, width, height: 16, rx: 8 }, badge);
      el("text", { x: right - width / 2, y: node.y + 2.5, "text-anchor": "middle" }, badge).textContent = pill.text;
      right -= width + 6;
    }
  }

  return { layout, render };
})();
