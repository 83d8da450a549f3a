// Drag-and-drop for the upload form.  Without JavaScript the plain <input type=file multiple>
// works the same; this only lets people drop files and shows what they chose.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) return;
  var input = document.getElementById("files");
  var zone = document.getElementById("dropzone");
  var list = document.getElementById("chosen");
  var warn = document.getElementById("too-big");
  var button = document.getElementById("submit");
  var limit = parseInt(form.getAttribute("data-limit"), 10) || 0;
  var maxFiles = parseInt(form.getAttribute("data-max-files"), 10) || 0;

  function mb(n) { return (n / 1024 / 1024).toFixed(1) + " MB"; }

  function show() {
    list.textContent = "";
    var total = 0;
    for (var i = 0; i < input.files.length; i++) {
      var f = input.files[i];
      total += f.size;
      var li = document.createElement("li");
      li.textContent = f.name + "（" + mb(f.size) + "）";
      list.appendChild(li);
    }
    var problem = "";
    if (limit && total > limit) problem = "所选文件合计 " + mb(total) + "，超过上限 " + mb(limit) + "。请分几次上传。";
    else if (maxFiles && input.files.length > maxFiles) problem = "一次最多 " + maxFiles + " 个文件，请打包成 ZIP 上传。";
    warn.textContent = problem;
    warn.hidden = !problem;
    button.disabled = !!problem;
  }

  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach(function (ev) {
    zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) {
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    try {
      input.files = e.dataTransfer.files;   // modern browsers
    } catch (err) {
      warn.textContent = "此浏览器不支持拖放上传，请点“选择文件”。";
      warn.hidden = false;
      return;
    }
    show();
  });
  form.addEventListener("submit", function () {
    button.disabled = true;
    button.textContent = "正在上传…";
  });
})();
