// onrecord: keyboard shortcuts only; every page works without this file.
//   /      focus the search field
//   j / k  next / previous highlighted statement in an article
//   Esc    leave the field or statement
(function () {
  "use strict";
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var active = document.activeElement;
    if (e.key === "Escape" && active && active !== document.body) {
      active.blur();
      return;
    }
    if (typing(active)) return;
    if (e.key === "/") {
      var q = document.getElementById("q") || document.getElementById("site-q");
      if (q) {
        e.preventDefault();
        q.focus();
        q.select();
      }
      return;
    }
    if (e.key === "j" || e.key === "k") {
      var marks = Array.prototype.slice.call(document.querySelectorAll(".article-text a.st"));
      if (!marks.length) return;
      var i = marks.indexOf(active);
      var next = e.key === "j" ? (i < 0 ? 0 : Math.min(i + 1, marks.length - 1)) : (i < 0 ? marks.length - 1 : Math.max(i - 1, 0));
      e.preventDefault();
      marks[next].focus();
    }
  });
})();
