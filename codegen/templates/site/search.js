// Search box: filters the generated index (search-index.js) as you type. Names that start with
// the query come first, then names containing it, then entries whose text contains it.
(function () {
  "use strict";
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  var index = window.WSLUA_SEARCH || [];

  function rank(entry, query) {
    var name = entry.name.toLowerCase();
    var short = name.slice(name.lastIndexOf(".") + 1);
    if (name === query || short === query) return 0;
    if (short.indexOf(query) === 0) return 1;
    if (name.indexOf(query) === 0) return 2;
    if (name.indexOf(query) >= 0) return 3;
    if (entry.text.toLowerCase().indexOf(query) >= 0) return 4;
    return -1;
  }

  function show() {
    var query = input.value.trim().toLowerCase();
    list.textContent = "";
    if (!query) { list.hidden = true; return; }
    var hits = [];
    index.forEach(function (entry) {
      var r = rank(entry, query);
      if (r >= 0) hits.push({ entry: entry, rank: r });
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || a.entry.name.length - b.entry.name.length || (a.entry.name < b.entry.name ? -1 : 1);
    });
    hits.slice(0, 12).forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.entry.href;
      var name = document.createElement("code");
      name.textContent = hit.entry.name;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = hit.entry.kind;
      link.appendChild(name);
      link.appendChild(kind);
      link.title = hit.entry.text;
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = hits.length === 0;
  }

  input.addEventListener("input", show);
  input.addEventListener("keydown", function (event) {
    var first = list.querySelector("a");
    if (event.key === "Enter" && first) window.location.href = first.href;
    if (event.key === "Escape") { input.value = ""; show(); }
  });
})();
