// Draws the graph from the JSON block and explains each edge and actor with its evidence.
// Every text from a source is put in the page with textContent, never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var MAX_TIP = 4;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function evidenceItem(ev) {
    var box = el("div", null, "ev");
    // a membership from the reference data has a register as its source, and no quote
    if (ev.quote) box.appendChild(el("q", ev.quote));
    else box.appendChild(el("span", "from the reference data"));
    var source = ev.source_title ? ev.source_title + " (" + ev.source + ")" : ev.source;
    var where = [source, ev.date].filter(Boolean).join(" · ");
    box.appendChild(el("span", where, "src"));
    return box;
  }

  function contradictionItem(c) {
    var box = el("div", null, "contra");
    box.appendChild(el("b", "⚠ " + c.type + (c.curated ? " (recorded by the curator)" : c.rule ? " (rule " + c.rule + ")" : "")));
    if (c.note) box.appendChild(el("span", c.note));
    return box;
  }

  // The evidence first, then the contradictions; a tooltip (limit > 0) shows the first few of each.
  function describe(info, limit) {
    var box = el("div", null, "tip");
    box.appendChild(el("b", info.heading));
    info.lines.forEach(function (line) { box.appendChild(el("div", line)); });
    [[info.evidence || [], evidenceItem, limit, "pieces of evidence"],
     [info.contradictions || [], contradictionItem, limit ? 2 : 0, "contradictions"]].forEach(function (part) {
      var items = part[0], shown = part[2] ? items.slice(0, part[2]) : items;
      shown.forEach(function (item) { box.appendChild(part[1](item)); });
      if (shown.length < items.length) {
        box.appendChild(el("div", "… " + (items.length - shown.length) + " more " + part[3] + ": click to see all", "more"));
      }
    });
    return box;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var copy = Object.assign({}, n);
    copy.title = describe(n.info, MAX_TIP);
    return copy;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var copy = Object.assign({}, e);
    copy.title = describe(e.info, MAX_TIP);
    return copy;
  }));

  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var details = document.getElementById("details");

  function show(info) {
    while (details.firstChild) details.removeChild(details.firstChild);
    details.appendChild(describe(info, 0));
  }

  network.on("click", function (params) {
    if (params.nodes.length) show(nodes.get(params.nodes[0]).info);
    else if (params.edges.length) show(edges.get(params.edges[0]).info);
  });

  // The actors of the view that are involved in contradictions, each a button that shows why.
  var list = document.getElementById("contradictions");
  var flagged = data.nodes.filter(function (n) { return n.info.contradictions.length; });
  if (!flagged.length) list.appendChild(el("p", "None among the actors shown.", "hint"));
  flagged.forEach(function (n) {
    var counts = {};
    n.info.contradictions.forEach(function (c) { counts[c.type] = (counts[c.type] || 0) + 1; });
    var text = n.info.heading + ": " + Object.keys(counts).sort().map(function (t) { return counts[t] + " × " + t; }).join(", ");
    var button = el("button", "⚠ " + text);
    button.type = "button";
    button.addEventListener("click", function () { network.selectNodes([n.id]); show(n.info); });
    list.appendChild(button);
  });

  // Let the layout settle, then stop the simulation so the picture holds still.
  function settled() {
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
    document.body.setAttribute("data-state", "ready");
  }
  network.once("stabilizationIterationsDone", settled);
  if (!data.options.physics || data.options.physics.enabled === false) settled();

  window.kgGraph = { network: network, nodes: nodes, edges: edges };
})();
