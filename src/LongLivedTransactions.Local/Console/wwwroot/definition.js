// Reads a state machine definition (the parsed ASL JSON) for the pages: where each state is, at any depth, and which
// query language it uses.
"use strict";

const StateMachineDefinition = (() => {
  /** The graphs a state contains: a Parallel's branches, a Map's item processor (or its older name, Iterator). */
  function childGraphs(state) {
    if (state.Type === "Parallel") return state.Branches || [];
    if (state.Type === "Map") return [state.ItemProcessor || state.Iterator].filter(Boolean);
    return [];
  }

  /**
   * Every state at any depth: Map name -> { state, container (the Parallel or Map name, or null), branch (index of the
   * Parallel branch, 0 for a Map), queryLanguage }. State names are unique in a whole state machine.
   */
  function index(definition) {
    const states = new Map();
    const walk = (graph, container, branch, inherited) => {
      for (const [name, state] of Object.entries(graph.States || {})) {
        const queryLanguage = state.QueryLanguage || inherited;
        states.set(name, { state, container, branch, queryLanguage });
        childGraphs(state).forEach((child, i) => walk(child, name, i, queryLanguage));
      }
    };
    walk(definition, null, null, definition.QueryLanguage || "JSONPath");
    return states;
  }

  return { index, childGraphs };
})();
