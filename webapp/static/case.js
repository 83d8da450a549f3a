// Case page: put the text selected in the judgment into the "补充瑕疵" sentence box.
(function () {
  "use strict";
  var button = document.getElementById("use-selection");
  var box = document.getElementById("sentence");
  var doc = document.getElementById("doctext");
  if (!button || !box || !doc) return;
  button.hidden = false;
  function selected() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0) return "";
    var range = sel.getRangeAt(0);
    if (!doc.contains(range.commonAncestorContainer)) return "";
    return sel.toString().trim();
  }
  var last = "";
  document.addEventListener("selectionchange", function () {
    var s = selected();
    if (s) last = s;
  });
  button.addEventListener("click", function () {
    var s = selected() || last;
    if (s) { box.value = s; box.focus(); }
  });
})();
