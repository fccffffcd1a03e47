// newsbrief: the little the pages do with JavaScript. Everything reads without it.
// - The stories list follows the server's events (/api/events): a new or changed story moves
//   to the top with its counts; an absorbed one goes. Text is set with textContent only.
// - Escape closes a citation popup that keyboard focus opened (by moving focus to the body).
"use strict";

(function () {
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function storyItem(s) {
    var li = el("li", "story");
    li.dataset.id = String(s.id);
    var a = el("a", "headline");
    a.href = "/stories/" + encodeURIComponent(String(s.id));
    var bdi = el("bdi", null, s.headline);
    a.appendChild(bdi);
    li.appendChild(a);
    li.appendChild(document.createTextNode(" "));
    var counts = el("span", "counts");
    counts.appendChild(el("span", "n-articles", String(s.articles)));
    counts.appendChild(document.createTextNode(s.articles === 1 ? " article · " : " articles · "));
    counts.appendChild(el("span", "n-sources", String(s.sources.length)));
    counts.appendChild(document.createTextNode(s.sources.length === 1 ? " source · " : " sources · "));
    counts.appendChild(el("span", "dates", !s.first ? "undated" : s.first === s.last ? s.first : s.first + " – " + s.last));
    if (s.undated_articles) counts.appendChild(document.createTextNode(" · some undated"));
    li.appendChild(counts);
    return li;
  }

  function live() {
    var list = document.getElementById("stories");
    if (!list || !list.dataset.live || !window.EventSource) return;
    var status = document.getElementById("live");
    var source = new EventSource("/api/events");
    function find(id) {
      return list.querySelector('li[data-id="' + String(Number(id)) + '"]');
    }
    function update(ev) {
      var e;
      try { e = JSON.parse(ev.data); } catch (_) { return; }
      if (!e.story) return;
      var old = find(e.id);
      if (old) old.remove();
      var li = storyItem(e.story);
      li.classList.add("fresh");
      list.insertBefore(li, list.firstChild);
      var empty = document.querySelector(".empty");
      if (empty) empty.remove();
      if (status) status.textContent = (e.kind === "new" ? "New story: " : "Updated: ") + e.story.headline;
    }
    source.addEventListener("new", update);
    source.addEventListener("changed", update);
    source.addEventListener("absorbed", function (ev) {
      var e;
      try { e = JSON.parse(ev.data); } catch (_) { return; }
      var old = find(e.id);
      if (old) old.remove();
    });
    source.addEventListener("lagged", function () { location.reload(); });
    document.body.dataset.live = "connected";
  }

  function popups() {
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "Escape") return;
      var a = document.activeElement;
      if (a && a.classList && a.classList.contains("marker")) a.blur();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    live();
    popups();
  });
})();
