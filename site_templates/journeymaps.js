/* journeymaps: sortable and filterable tables. No dependencies; works with Material's instant navigation. */
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    var sort = cell.getAttribute("data-sort");
    return sort !== null ? sort : cell.textContent.trim().toLowerCase();
  }

  function compare(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== "" && b !== "" && isFinite(x) && isFinite(y)) return x - y;
    return a.localeCompare(b);
  }

  function makeSortable(table) {
    if (table.getAttribute("data-jm-ready")) return;
    table.setAttribute("data-jm-ready", "1");
    var headings = table.querySelectorAll("thead th");
    headings.forEach(function (th, index) {
      th.setAttribute("tabindex", "0");
      th.setAttribute("role", "columnheader");
      function sort(event) {
        if (event.target.closest && event.target.closest("a")) return;
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var result = compare(cellValue(r1, index), cellValue(r2, index));
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(event); }
      });
    });
  }

  // Filters above a table, kept in the address (?department=ecommerce&role=A): a filtered view can be
  // shared by its address, opens filtered, and Back and Forward step through the filters chosen.
  function makeFilter(panel) {
    if (panel.getAttribute("data-jm-ready")) return;
    var table = document.getElementById(panel.getAttribute("data-jm-filter-for"));
    if (!table) return;
    panel.setAttribute("data-jm-ready", "1");
    var controls = Array.prototype.slice.call(panel.querySelectorAll("[data-jm-filter]"));
    var count = panel.querySelector("[data-jm-count]");
    var columnCount = panel.querySelector("[data-jm-columns]");
    var deptHeadings = Array.prototype.slice.call(table.querySelectorAll("thead th[data-dept]"));
    // One rule hides every empty column (no per-cell work). It lives in the head, one per table, and never in
    // the page's content, where a <style> is what an injection would look like.
    var hidingId = "jm-columns-" + table.id;
    var hiding = document.getElementById(hidingId);
    if (!hiding) {
      hiding = document.createElement("style");
      hiding.id = hidingId;
      document.head.appendChild(hiding);
    }
    var typing = false;

    function apply() {
      var wanted = {};
      controls.forEach(function (control) { wanted[control.getAttribute("data-jm-filter")] = control.value.trim().toLowerCase(); });
      var shown = 0;
      var present = {};
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var ok = true;
        if (wanted.text && row.textContent.toLowerCase().indexOf(wanted.text) < 0) ok = false;
        if (wanted.journey && row.getAttribute("data-journey") !== wanted.journey) ok = false;
        if (wanted.severity && row.getAttribute("data-severity") !== wanted.severity) ok = false;
        if (wanted.owner && row.getAttribute("data-owner") !== wanted.owner) ok = false;
        if (wanted.department !== undefined && (wanted.department || wanted.role)) {
          var roles = [];
          if (wanted.department) {
            roles = [row.getAttribute("data-role-" + wanted.department) || ""];
          } else {
            Array.prototype.forEach.call(row.attributes, function (a) { if (a.name.indexOf("data-role-") === 0) roles.push(a.value); });
          }
          var role = (wanted.role || "").toUpperCase();
          ok = ok && roles.some(function (r) { return r && (!role || r.split("/").indexOf(role) >= 0); });
        }
        row.hidden = !ok;
        if (!ok) return;
        shown += 1;
        if (deptHeadings.length) {
          Array.prototype.forEach.call(row.attributes, function (a) {
            if (a.name.indexOf("data-role-") === 0) present[a.name.slice(10)] = true;
          });
        }
      });
      var hidden = [];
      var columns = 0;
      deptHeadings.forEach(function (th) {
        var id = th.getAttribute("data-dept");
        var index = Array.prototype.indexOf.call(th.parentNode.children, th) + 1;
        var on = !!wanted.department && id === wanted.department;
        th.classList.toggle("jm-hl", on);
        if (present[id] || on) {
          columns += 1;
          if (on) hidden.push("#" + table.id + " tbody td:nth-child(" + index + ") { background: var(--md-accent-fg-color--transparent); }");
        } else {
          hidden.push("#" + table.id + " tr > :nth-child(" + index + ") { display: none; }");
        }
      });
      hiding.textContent = hidden.join("\n");
      if (count) count.textContent = String(shown);
      if (columnCount) columnCount.textContent = String(columns);
      if (wanted.department) reveal(deptHeadings.filter(function (th) { return th.getAttribute("data-dept") === wanted.department; })[0]);
    }

    // The chosen department's column, scrolled to just right of the touchpoint column (among hundreds).
    function reveal(th) {
      var frame = table.parentNode;
      if (!th || frame.scrollWidth <= frame.clientWidth) return;
      var first = table.querySelector("thead th").getBoundingClientRect();
      var box = th.getBoundingClientRect();
      var edge = frame.getBoundingClientRect().left + frame.clientLeft + frame.clientWidth;
      if (box.left < first.right || box.right > edge) frame.scrollLeft += box.left - first.right;
    }

    function address() {
      var params = new URLSearchParams(window.location.search);
      controls.forEach(function (control) {
        var name = control.getAttribute("data-jm-filter");
        var value = control.value.trim();
        if (value) params.set(name, value); else params.delete(name);
      });
      var query = params.toString();
      return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    }

    function record(replace) {
      var next = address();
      if (next === window.location.pathname + window.location.search + window.location.hash) return;
      if (replace) window.history.replaceState(window.history.state, "", next);
      else window.history.pushState(null, "", next);
    }

    function restore() {
      var params = new URLSearchParams(window.location.search);
      controls.forEach(function (control) {
        var value = params.get(control.getAttribute("data-jm-filter")) || "";
        if (control.tagName === "SELECT" && !Array.prototype.some.call(control.options, function (o) { return o.value === value; })) value = "";
        control.value = value;
      });
      typing = false;
      apply();
    }

    controls.forEach(function (control) {
      if (control.tagName === "SELECT") {
        control.addEventListener("change", function () { typing = false; apply(); record(false); });
      } else {  // typing: one history entry per search, its address kept up to date as the words change
        control.addEventListener("input", function () { apply(); record(typing); typing = true; });
        control.addEventListener("change", function () { typing = false; });
      }
    });
    panel.jmRestore = restore;
    restore();
  }

  window.addEventListener("popstate", function () {
    document.querySelectorAll("[data-jm-filter-for]").forEach(function (panel) { if (panel.jmRestore) panel.jmRestore(); });
  });

  function makeZoomable(button) {
    if (button.getAttribute("data-jm-ready")) return;
    var figure = button.parentNode;
    var svg = figure.querySelector("svg");
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) return;
    button.setAttribute("data-jm-ready", "1");
    var natural = svg.viewBox.baseVal.width * 1.333;
    var declared = /^([\d.]+)(pt|px)$/.exec(svg.style.maxWidth || "");
    if (declared) natural = parseFloat(declared[1]) * (declared[2] === "pt" ? 4 / 3 : 1);
    if (natural <= figure.clientWidth * 1.05) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var full = !figure.classList.contains("jm-figure--full");
      figure.classList.toggle("jm-figure--full", full);
      svg.style.width = full ? Math.round(natural) + "px" : "";
      button.textContent = full ? "Fit to width" : "Full size";
      button.setAttribute("aria-pressed", String(full));
      placeAll();
    });
  }

  // At phone width a table reads as cards: each cell carries its column's name (shown beside the value by
  // the stylesheet). The ownership matrix stays a grid: its columns are the point.
  function makeCards(box) {
    if (box.getAttribute("data-jm-cards")) return;
    var table = box.querySelector("table");
    if (!table || table.classList.contains("jm-matrix") || !table.tHead || !table.tBodies[0]) return;
    box.setAttribute("data-jm-cards", "1");
    var names = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent.trim(); });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (!cell.hasAttribute("data-label") && names[column]) cell.setAttribute("data-label", names[column]);
        column += cell.colSpan || 1;
      });
    });
    box.classList.add("jm-table--cards");
  }

  // Wide diagrams scroll sideways in their frame rather than shrink below readable text (svgfix sets
  // their min-width). A frame that scrolls says so: a "More" button at its right edge and a shadow on
  // the side where more is; and the stage headings of a diagram taller than the screen stay in view
  // (a copy of their band, drawn with <use>, held under the site's header while the frame is on screen).
  var frames = [];

  function headerBottom() {
    var header = document.querySelector(".md-header");
    return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
  }

  function makeScrollHint(figure) {
    if (figure.getAttribute("data-jm-frame")) return;
    var svg = figure.querySelector("svg.jm-diagram");
    if (!svg) return;
    figure.setAttribute("data-jm-frame", "1");
    var frame = { figure: figure, svg: svg, more: null, head: null, band: null, headTried: false };
    var more = document.createElement("button");
    more.type = "button";
    more.className = "jm-more";
    more.hidden = true;
    more.textContent = "More \u2192";
    more.setAttribute("aria-label", "Scroll the diagram sideways to see more");
    more.addEventListener("click", function () {
      figure.scrollBy({ left: Math.round(figure.clientWidth * 0.8), behavior: "smooth" });
    });
    figure.appendChild(more);
    frame.more = more;
    figure.addEventListener("scroll", function () { place(frame); }, { passive: true });
    frames.push(frame);
    place(frame);
  }

  // The copy of the stage headings' band, made once the drawing is laid out (a folded one is not yet).
  function makeHead(frame) {
    frame.band = headBand(frame.svg);
    if (!frame.band) return;
    var head = document.createElement("div");
    head.className = "jm-head";
    head.hidden = true;
    head.setAttribute("aria-hidden", "true");
    var ns = "http://www.w3.org/2000/svg";
    var copy = document.createElementNS(ns, "svg");
    var box = frame.svg.viewBox.baseVal;
    copy.setAttribute("viewBox", [box.x, box.y + frame.band[0] * box.height, box.width,
      (frame.band[1] - frame.band[0]) * box.height].join(" "));
    copy.setAttribute("preserveAspectRatio", "xMinYMin meet");
    var use = document.createElementNS(ns, "use");
    use.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href", "#" + frame.band[2]);
    copy.appendChild(use);
    head.appendChild(copy);
    frame.figure.appendChild(head);
    frame.head = head;
  }

  // The stage headings of a drawing: the flow marks them; in a blueprint they are the text above the first lane.
  function stageHeadings(svg) {
    var marked = svg.querySelectorAll(".jm-d-stage");
    if (marked.length) return Array.prototype.slice.call(marked);
    var lane = svg.querySelector(".jm-d-lane");
    if (!lane) return [];
    var below = lane.getBoundingClientRect().top;
    return Array.prototype.filter.call(svg.querySelectorAll("text"), function (t) {
      return t.getBoundingClientRect().bottom <= below;
    });
  }

  // The band of the stage headings, as fractions of the drawing's height, and the id of the group to copy.
  function headBand(svg) {
    var heads = stageHeadings(svg);
    var graph = svg.querySelector("g.graph[id]");
    if (!heads.length || !graph) return null;
    var outer = svg.getBoundingClientRect();
    if (!outer.height) return null;
    var top = Infinity, bottom = -Infinity;
    heads.forEach(function (h) {
      var r = h.getBoundingClientRect();
      top = Math.min(top, r.top - outer.top);
      bottom = Math.max(bottom, r.bottom - outer.top);
    });
    var pad = 4;
    return [Math.max(0, (top - pad) / outer.height), Math.min(1, (bottom + pad) / outer.height), graph.id];
  }

  function place(frame) {
    var figure = frame.figure, svg = frame.svg;
    var wide = figure.scrollWidth > figure.clientWidth + 1;
    var atEnd = figure.scrollLeft + figure.clientWidth >= figure.scrollWidth - 2;
    figure.classList.toggle("jm-figure--wide", wide);
    figure.classList.toggle("jm-more-right", wide && !atEnd);
    figure.classList.toggle("jm-more-left", wide && figure.scrollLeft > 2);
    var rect = figure.getBoundingClientRect();
    var line = headerBottom() - rect.top - figure.clientTop;  // the header's bottom, in the frame's coordinates
    // The drawing's box in the frame's content coordinates (an SVG element has no offsetTop).
    var box = svg.getBoundingClientRect();
    var svgTop = box.top - rect.top - figure.clientTop + figure.scrollTop;
    var svgLeft = box.left - rect.left - figure.clientLeft + figure.scrollLeft;
    var headHeight = 0;
    if (!frame.headTried && box.height > 0) {
      frame.headTried = true;
      makeHead(frame);
    }
    if (frame.head) {
      var bandTop = svgTop + frame.band[0] * box.height;
      headHeight = (frame.band[1] - frame.band[0]) * box.height;
      var last = svgTop + box.height - 3 * headHeight;
      var stuck = line > bandTop && line < last;
      frame.head.hidden = !stuck;
      if (stuck) {
        frame.head.style.left = svgLeft + "px";
        frame.head.style.width = box.width + "px";
        frame.head.style.height = headHeight + "px";
        frame.head.style.top = line + "px";
      } else {
        headHeight = 0;
      }
    }
    frame.more.hidden = !wide || atEnd;
    if (!frame.more.hidden) {
      var top = Math.max(8, line + headHeight + 8);
      top = Math.min(top, figure.clientHeight - frame.more.offsetHeight - 8);
      frame.more.style.top = Math.max(8, top) + "px";
      frame.more.style.left = (figure.scrollLeft + figure.clientWidth - frame.more.offsetWidth - 8) + "px";
    }
  }

  function placeAll() {
    frames = frames.filter(function (frame) { return frame.figure.isConnected; });
    frames.forEach(place);
  }

  var placing = false;
  function schedule() {
    if (placing) return;
    placing = true;
    window.requestAnimationFrame(function () { placing = false; placeAll(); });
  }
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule);

  function init() {
    document.querySelectorAll(".md-typeset .jm-table").forEach(makeCards);
    document.querySelectorAll(".jm-figure > .jm-zoom").forEach(makeZoomable);
    document.querySelectorAll(".md-content .jm-figure").forEach(makeScrollHint);
    document.querySelectorAll("table[data-jm-sortable]").forEach(makeSortable);
    document.querySelectorAll("[data-jm-filter-for]").forEach(makeFilter);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
