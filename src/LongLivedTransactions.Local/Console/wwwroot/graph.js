// Draws a state machine definition as an SVG graph.
// Layout: the "forward" states (reachable from StartAt through Next, Choice and Default) form the left zone, top to
// bottom. States reached only through Catch (compensations and error handling) form the right zone: each one sits
// beside the state whose failure leads to it, and a compensation chain climbs back up, so the saga's
// "undo in reverse order" reads at a glance.
"use strict";

const WorkflowGraph = (() => {
  const NODE_W = 232, NODE_H = 46, COL_GAP = 46, HANDLER_COL_GAP = 150, ROW_GAP = 40, ZONE_GAP = 150, PAD = 24, TOP = 64;
  const svgNs = "http://www.w3.org/2000/svg";

  /** Every transition of a state: Next, Choice rules, Default and Catch (with its error names). */
  function edgesOf(name, state) {
    const edges = [];
    if (state.Next) edges.push({ from: name, to: state.Next, kind: "next" });
    for (const choice of state.Choices || []) if (choice.Next) edges.push({ from: name, to: choice.Next, kind: "next" });
    if (state.Default) edges.push({ from: name, to: state.Default, kind: "next" });
    for (const catcher of state.Catch || []) {
      if (catcher.Next) edges.push({ from: name, to: catcher.Next, kind: "catch", errors: catcher.ErrorEquals || [] });
    }
    return edges;
  }

  /** Merges catch edges with the same ends (e.g. ErrProcessPayment and States.ALL) into one labelled edge. */
  function mergeEdges(edges) {
    const merged = new Map();
    for (const edge of edges) {
      const key = `${edge.from}\u0000${edge.to}\u0000${edge.kind}`;
      const existing = merged.get(key);
      if (existing) existing.errors = [...(existing.errors || []), ...(edge.errors || [])];
      else merged.set(key, { ...edge, errors: edge.errors ? [...edge.errors] : undefined });
    }
    return [...merged.values()].filter(e => e.to !== undefined);
  }

  function layout(definition) {
    const states = definition.States || {};
    const names = Object.keys(states);
    const edges = mergeEdges(names.flatMap(n => edgesOf(n, states[n]))).filter(e => states[e.to]);

    // Forward zone: reachable from StartAt without taking a Catch.
    const forward = new Set();
    const queue = states[definition.StartAt] ? [definition.StartAt] : [];
    while (queue.length) {
      const n = queue.shift();
      if (forward.has(n)) continue;
      forward.add(n);
      for (const e of edges) if (e.from === n && e.kind === "next") queue.push(e.to);
    }

    const place = new Map(); // name -> {row, col, zone}
    const taken = new Set();
    const claim = (name, row, col, zone) => {
      while (taken.has(`${zone}:${row}:${col}`)) col++;
      taken.add(`${zone}:${row}:${col}`);
      place.set(name, { row, col, zone });
    };

    // Forward rows: longest path from StartAt (back edges ignored), columns follow the parent.
    const order = [];
    const visiting = new Set(), done = new Set();
    const visit = n => {
      if (done.has(n) || visiting.has(n)) return;
      visiting.add(n);
      for (const e of edges) if (e.from === n && e.kind === "next" && forward.has(e.to)) visit(e.to);
      visiting.delete(n); done.add(n); order.unshift(n);
    };
    if (states[definition.StartAt]) visit(definition.StartAt);
    const rank = new Map(order.map(n => [n, 0]));
    const position = new Map(order.map((n, i) => [n, i]));
    for (const n of order) {
      for (const e of edges) {
        if (e.from === n && e.kind === "next" && forward.has(e.to) && position.get(e.to) > position.get(n)) {
          rank.set(e.to, Math.max(rank.get(e.to), rank.get(n) + 1));
        }
      }
    }
    for (const n of [...order].sort((a, b) => rank.get(a) - rank.get(b) || position.get(a) - position.get(b))) {
      const parent = edges.find(e => e.to === n && e.kind === "next" && place.has(e.from) && place.get(e.from).zone === "forward");
      claim(n, rank.get(n), parent ? place.get(parent.from).col : 0, "forward");
    }

    // Handler zone: beside the failing forward state; a Next chain climbs one row per step; a Catch from a
    // handler goes one column to the right. States that nothing places land below everything.
    let pending = names.filter(n => !place.has(n));
    for (let guard = 0; pending.length && guard < names.length + 2; guard++) {
      const waiting = [];
      for (const n of pending) {
        const incoming = edges.filter(e => e.to === n && place.has(e.from));
        const fromForward = incoming.find(e => e.kind === "catch" && place.get(e.from).zone === "forward");
        const nextFromHandler = incoming.filter(e => e.kind === "next" && place.get(e.from).zone === "handler");
        const catchFromHandler = incoming.find(e => e.kind === "catch" && place.get(e.from).zone === "handler");
        if (fromForward) claim(n, place.get(fromForward.from).row, 0, "handler");
        else if (nextFromHandler.length) {
          const parents = nextFromHandler.map(e => place.get(e.from));
          const top = parents.reduce((a, b) => (b.row < a.row || (b.row === a.row && b.col < a.col) ? b : a));
          claim(n, top.row - 1, Math.min(...parents.map(p => p.col)), "handler");
        } else if (catchFromHandler) {
          const p = place.get(catchFromHandler.from);
          claim(n, p.row, p.col + 1, "handler");
        } else waiting.push(n);
      }
      if (waiting.length === pending.length) break;
      pending = waiting;
    }
    const lowest = Math.max(0, ...[...place.values()].map(p => p.row));
    pending.filter(n => !place.has(n)).forEach((n, i) => claim(n, lowest + 1, i, "handler"));

    // Coordinates: rows may be negative (a chain climbing above the start); shift them to start at 0.
    const minRow = Math.min(0, ...[...place.values()].map(p => p.row));
    const forwardCols = Math.max(1, ...[...place.values()].filter(p => p.zone === "forward").map(p => p.col + 1));
    const handlerCols = Math.max(0, ...[...place.values()].filter(p => p.zone === "handler").map(p => p.col + 1));
    const handlerX = PAD + forwardCols * (NODE_W + COL_GAP) - COL_GAP + ZONE_GAP;
    const nodes = names.map(n => {
      const p = place.get(n);
      const x = p.zone === "forward" ? PAD + p.col * (NODE_W + COL_GAP) : handlerX + p.col * (NODE_W + HANDLER_COL_GAP);
      const y = TOP + (p.row - minRow) * (NODE_H + ROW_GAP);
      return { name: n, type: states[n].Type, comment: states[n].Comment, zone: p.zone, x, y, w: NODE_W, h: NODE_H };
    });
    const rows = Math.max(...[...place.values()].map(p => p.row)) - minRow + 1;
    const width = handlerCols ? handlerX + handlerCols * (NODE_W + HANDLER_COL_GAP) - HANDLER_COL_GAP + PAD + 24 : PAD * 2 + forwardCols * (NODE_W + COL_GAP) - COL_GAP;
    const height = TOP + rows * (NODE_H + ROW_GAP) - ROW_GAP + PAD + 10;
    return { startAt: definition.StartAt, nodes, edges, width, height, handlerX, forwardWidth: forwardCols * (NODE_W + COL_GAP) - COL_GAP, hasHandlers: handlerCols > 0 };
  }

  function el(name, attrs, parent) {
    const node = document.createElementNS(svgNs, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

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

  /** Path between two boxes: straight when aligned, otherwise a smooth curve between the facing sides. */
  function route(a, b, index, nodes) {
    const cx = n => n.x + n.w / 2, cy = n => n.y + n.h / 2;
    if (Math.abs(a.y - b.y) < 1) { // same row: side to side
      const [s, t] = a.x < b.x ? [[a.x + a.w, cy(a)], [b.x, cy(b)]] : [[a.x, cy(a)], [b.x + b.w, cy(b)]];
      return { d: `M${s[0]},${s[1]} L${t[0]},${t[1]}`, mid: [(s[0] + t[0]) / 2, s[1]] };
    }
    const down = b.y > a.y;
    if (Math.abs(a.x - b.x) < 1) { // same column
      const between = nodes.filter(n => n !== a && n !== b && Math.abs(n.x - a.x) < 1 && n.y > Math.min(a.y, b.y) && n.y < Math.max(a.y, b.y));
      if (!between.length) {
        const s = [cx(a), down ? a.y + a.h : a.y], t = [cx(b), down ? b.y : b.y + b.h];
        return { d: `M${s[0]},${s[1]} L${t[0]},${t[1]}`, mid: [s[0], (s[1] + t[1]) / 2] };
      }
      // Around the states in between, on the right.
      const lane = a.x + a.w + 18 + 8 * (index % 3);
      const s = [a.x + a.w, cy(a)], t = [b.x + b.w, cy(b)];
      return { d: `M${s[0]},${s[1]} C${lane},${s[1]} ${lane},${t[1]} ${t[0]},${t[1]}`, mid: [lane, (s[1] + t[1]) / 2] };
    }
    // Up and to the left (a chain joining a state above it): out on the right, up a lane, into the right side.
    const right = b.x > a.x;
    if (!down && !right) {
      const lane = a.x + a.w + 22;
      const s = [a.x + a.w, cy(a)], t = [b.x + b.w, cy(b)];
      return { d: rounded([s, [lane, s[1]], [lane, t[1]], t]), mid: [lane, (s[1] + t[1]) / 2] };
    }
    // Different row and column: leave by the side facing the target, arrive by the side facing the source.
    const s = [right ? a.x + a.w : a.x, cy(a)];
    const blocked = nodes.some(n => n !== a && n !== b && Math.abs(n.x - b.x) < 1 && (down ? n.y < b.y && n.y > a.y : n.y > b.y && n.y < a.y));
    if (!blocked && !right) { // up-left or down-left into the top/bottom of the target
      const t = [cx(b) + 30, down ? b.y : b.y + b.h];
      return { d: `M${s[0]},${s[1]} C${t[0]},${s[1]} ${t[0]},${s[1]} ${t[0]},${t[1]}`, mid: [(s[0] + t[0]) / 2, s[1]] };
    }
    const t = [right ? b.x : b.x + b.w, cy(b)];
    const bend = (t[0] - s[0]) / 2;
    return { d: `M${s[0]},${s[1]} C${s[0] + bend},${s[1]} ${t[0] - bend},${t[1]} ${t[0]},${t[1]}`, mid: [(s[0] + t[0]) / 2, (s[1] + t[1]) / 2] };
  }

  /**
   * Renders the graph. summaries: Map name -> { status: "succeeded" | "caught" | "failed" | "running" | "aborted", visits, attempts };
   * takenEdges: Set of "from\u0000to"; onSelect(name) is called when a state is clicked.
   */
  function render(container, model, summaries, takenEdges, selected, onSelect) {
    container.textContent = "";
    const svg = el("svg", { viewBox: `0 0 ${model.width} ${model.height}`, width: model.width, height: model.height, role: "img", "aria-label": "Workflow graph" }, container);
    const defs = el("defs", {}, svg);
    for (const [id, color] of [["arrow", "#aab7b8"], ["arrow-catch", "#e0a060"], ["arrow-ok", "#1d8102"], ["arrow-caught", "#c45f00"]]) {
      const marker = el("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, defs);
      el("path", { d: "M0,0 L10,5 L0,10 z", fill: color }, marker);
    }

    const zoneTop = 30, zoneHeight = model.height - zoneTop - 8;
    el("rect", { class: "zone", x: 8, y: zoneTop, width: model.forwardWidth + 32, height: zoneHeight, rx: 12 }, svg);
    el("text", { class: "zone-label", x: 22, y: zoneTop + 18 }, svg).textContent = "Forward path";
    if (model.hasHandlers) {
      el("rect", { class: "zone handlers", x: model.handlerX - 16, y: zoneTop, width: model.width - model.handlerX + 8, height: zoneHeight, rx: 12 }, svg);
      el("text", { class: "zone-label", x: model.handlerX - 2, y: zoneTop + 18 }, svg).textContent = "Compensations & error handling";
    }

    const byName = new Map(model.nodes.map(n => [n.name, n]));
    const start = byName.get(model.startAt);
    if (start) {
      el("rect", { class: "start-mark", x: start.x + start.w / 2 - 22, y: 4, width: 44, height: 18, rx: 9 }, svg);
      el("text", { class: "start-text", x: start.x + start.w / 2, y: 16.5, "text-anchor": "middle" }, svg).textContent = "START";
      el("path", { class: "edge", d: `M${start.x + start.w / 2},22 L${start.x + start.w / 2},${start.y}`, "marker-end": "url(#arrow)" }, svg);
    }

    const labels = [];
    model.edges.forEach((edge, index) => {
      const a = byName.get(edge.from), b = byName.get(edge.to);
      const { d, mid } = route(a, b, index, model.nodes);
      const taken = takenEdges.has(`${edge.from}\u0000${edge.to}`);
      const marker = taken ? (edge.kind === "catch" ? "arrow-caught" : "arrow-ok") : (edge.kind === "catch" ? "arrow-catch" : "arrow");
      el("path", { class: `edge ${edge.kind}${taken ? " taken" : ""}`, d, "marker-end": `url(#${marker})`, "data-from": edge.from, "data-to": edge.to }, svg);
      if (edge.kind === "catch" && edge.errors && edge.errors.length) labels.push({ text: edge.errors.filter(e => e !== "States.ALL").join(", ") || "States.ALL", mid });
    });
    for (const label of labels) { // drawn after the edges so that no line crosses a label
      const text = el("text", { class: "edge-label", x: label.mid[0], y: label.mid[1] - 5, "text-anchor": "middle" }, svg);
      text.textContent = label.text;
      const box = text.getBBox();
      svg.insertBefore(el("rect", { class: "edge-label-bg", x: box.x - 3, y: box.y - 1, width: box.width + 6, height: box.height + 2, rx: 3 }), text);
    }

    const marks = { succeeded: "✓", caught: "↺", failed: "✕", running: "…", aborted: "■" };
    for (const node of model.nodes) {
      const status = summaries.get(node.name)?.status;
      const g = el("g", {
        class: `node ${node.zone}${status ? " " + status : ""}${node.name === selected ? " selected" : ""}`,
        "data-state": node.name, "data-status": status || "not-run", tabindex: 0, role: "button",
      }, svg);
      el("title", {}, g).textContent = node.comment ? `${node.name} — ${node.comment}` : node.name;
      el("rect", { x: node.x, y: node.y, width: node.w, height: node.h, rx: 9 }, g);
      el("text", { class: "type", x: node.x + 12, y: node.y + 16 }, g).textContent = node.type;
      const name = el("text", { class: "name", x: node.x + 12, y: node.y + 34 }, g);
      name.textContent = node.name.length > 30 ? node.name.slice(0, 29) + "…" : node.name;
      if (status) el("text", { class: "mark", x: node.x + node.w - 12, y: node.y + 18, "text-anchor": "end" }, g).textContent = marks[status] || "";
      g.addEventListener("click", () => onSelect && onSelect(node.name));
      g.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onSelect && onSelect(node.name); } });
    }
    return svg;
  }

  return { layout, render };
})();
