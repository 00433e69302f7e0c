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

  function makeFilter(panel) {
    if (panel.getAttribute("data-jm-ready")) return;
    var table = document.getElementById(panel.getAttribute("data-jm-filter-for"));
    if (!table) return;
    panel.setAttribute("data-jm-ready", "1");
    var controls = panel.querySelectorAll("[data-jm-filter]");
    var count = panel.querySelector("[data-jm-count]");
    function apply() {
      var wanted = {};
      controls.forEach(function (control) { wanted[control.getAttribute("data-jm-filter")] = control.value.trim().toLowerCase(); });
      var shown = 0;
      var deptHeadings = table.querySelectorAll("thead th[data-dept]");
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
        if (ok) shown += 1;
      });
      deptHeadings.forEach(function (th) {
        var on = wanted.department && th.getAttribute("data-dept") === wanted.department;
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        Array.prototype.forEach.call(table.rows, function (row) {
          if (row.children[index]) row.children[index].classList.toggle("jm-hl", !!on);
        });
      });
      if (count) count.textContent = String(shown);
    }
    controls.forEach(function (control) {
      control.addEventListener("input", apply);
      control.addEventListener("change", apply);
    });
    var params = new URLSearchParams(window.location.search);
    controls.forEach(function (control) {
      var value = params.get(control.getAttribute("data-jm-filter"));
      if (value !== null) control.value = value;
    });
    apply();
  }

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

  function init() {
    document.querySelectorAll(".md-typeset .jm-table").forEach(makeCards);
    document.querySelectorAll(".jm-figure > .jm-zoom").forEach(makeZoomable);
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
