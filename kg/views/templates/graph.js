// Draws the graph from the JSON block and explains each edge and actor with its evidence.
// Every text from a source is put in the page with textContent, never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var MAX_TIP = 4;
  var $ = function (id) { return document.getElementById(id); };

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

  // The layout is landscape, as most windows are; a portrait screen (a phone held upright) gets it turned.
  var stage = $("stage");
  if (stage.clientHeight > stage.clientWidth * 1.15) {
    data.nodes.forEach(function (n) { var x = n.x; n.x = -n.y; n.y = x; });
  }
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network($("graph"), { nodes: nodes, edges: edges }, data.options);
  var details = $("details");

  // --- the panel: beside the graph, or a sheet over it on a phone --------------------------
  var phone = window.matchMedia("(max-width: 700px)");
  function openSheet(open) {
    document.body.classList.toggle("sheet-open", open);
    $("panel-toggle").setAttribute("aria-expanded", String(open));
  }
  $("panel-toggle").addEventListener("click", function () {
    openSheet(!document.body.classList.contains("sheet-open"));
  });
  $("panel-close").addEventListener("click", function () { openSheet(false); $("panel-toggle").focus(); });

  function show(info) {
    details.replaceChildren(describe(info, 0));
    if (phone.matches) openSheet(true);
    // the details sit at the top of the panel: bring them into sight wherever it was scrolled
    details.previousElementSibling.scrollIntoView({ block: "start" });
  }

  // --- the tooltip: ours, so that it goes away whenever the pointer does ---------------------
  var tip = $("tip");
  function hideTip() { tip.hidden = true; tip.replaceChildren(); }
  function showTip(info, pointer) {
    tip.replaceChildren(describe(info, MAX_TIP));
    tip.hidden = false;
    var box = stage.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    var x = pointer.x + 14, y = pointer.y + 14;
    if (x + w > box.width - 4) x = Math.max(4, pointer.x - w - 14);
    if (y + h > box.height - 4) y = Math.max(4, box.height - h - 4);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  network.on("hoverNode", function (p) { showTip(nodes.get(p.node).info, p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edges.get(p.edge).info, p.pointer.DOM); });
  ["blurNode", "blurEdge", "dragStart", "zoom", "click"].forEach(function (name) { network.on(name, hideTip); });
  $("graph").addEventListener("pointerleave", hideTip);
  window.addEventListener("blur", hideTip);

  network.on("click", function (params) {
    if (params.nodes.length) show(nodes.get(params.nodes[0]).info);
    else if (params.edges.length) show(edges.get(params.edges[0]).info);
  });

  // --- fit, zoom, reset -------------------------------------------------------------------------
  var MOVE = { duration: 250, easingFunction: "easeInOutQuad" };
  // vis-network's animations stop a little short of their goal: each ends with a step onto it
  var land = null;
  network.on("animationFinished", function () {
    var step = land;
    land = null;
    if (step) step();
  });
  function fit(animate) {
    var exact = function () { network.fit({ animation: false }); };
    if (!animate) return exact();
    land = exact;
    network.fit({ animation: MOVE });
  }
  var aim = null;  // the scale a zoom under way is heading for: a second press goes on from there
  function zoom(factor) {
    aim = (aim === null ? network.getScale() : aim) * factor;
    var goal = { scale: aim, position: network.getViewPosition() };
    land = function () { network.moveTo(goal); aim = null; };
    network.moveTo({ scale: goal.scale, position: goal.position, animation: MOVE });
  }
  $("fit").addEventListener("click", function () { fit(true); });
  $("zoom-in").addEventListener("click", function () { zoom(1.4); });
  $("zoom-out").addEventListener("click", function () { zoom(1 / 1.4); });
  $("reset").addEventListener("click", function () {
    network.unselectAll();
    hideTip();
    details.replaceChildren(el("p", "Hover over a line or an actor for its evidence; click or tap to keep it here.", "hint"));
    fit(true);
  });

  // The actors of the view that are involved in contradictions, each a button that shows why.
  var list = $("contradictions");
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

  // The nodes stand where the exporter placed them: the page is ready once they are drawn.
  network.once("afterDrawing", function () {
    fit(false);
    document.body.setAttribute("data-state", "ready");
  });

  window.kgGraph = { network: network, nodes: nodes, edges: edges, describe: describe };
})();
