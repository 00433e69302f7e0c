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
    var hiding = document.createElement("style");  // one rule hides every empty column: no per-cell work
    table.parentNode.insertBefore(hiding, table);
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
      var first = table.querySelector("thead th");
      var left = th.offsetLeft - (first ? first.offsetWidth : 0);
      if (th.offsetLeft + th.offsetWidth > frame.scrollLeft + frame.clientWidth || left < frame.scrollLeft) frame.scrollLeft = left;
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
    });
  }

  function init() {
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
