// Small conveniences for every page (the pages work without them).
(function () {
  "use strict";
  // <form data-autosubmit>: changing a drop-down reloads the page with the new choice.
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });
  // <button data-confirm="…">: ask before an action that cannot be undone.
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (e) {
      if (!window.confirm(el.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
})();
