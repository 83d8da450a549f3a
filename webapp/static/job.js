// Live progress of a background job: polls the job's JSON and fills in the page.
// The page itself is complete without this (reload shows the same state).
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) return;
  var url = box.getAttribute("data-status-url");
  var kind = box.getAttribute("data-kind");
  var caseUrl = box.getAttribute("data-case-url");
  var draftUrl = box.getAttribute("data-draft-url");
  var status = box.getAttribute("data-status");
  var table = document.querySelector("#results tbody");
  var seen = table ? table.rows.length : 0;
  var names = {"已入库": "ok", "重复": "dup", "拒收": "rej"};
  var failures = 0;

  function el(id) { return document.getElementById(id); }

  function badge(text, cls) {
    var span = document.createElement("span");
    span.className = "badge " + cls;
    span.textContent = text;
    return span;
  }

  function addRow(r) {
    seen += 1;
    var tr = table.insertRow(-1);
    var c0 = tr.insertCell(-1); c0.className = "num"; c0.textContent = seen;
    var c1 = tr.insertCell(-1); c1.className = "fname"; c1.textContent = r.name;
    tr.insertCell(-1).appendChild(badge(r.status, "r-" + (names[r.status] || "x")));
    tr.insertCell(-1).textContent = r.status === "已入库" ? "" : (r.message || "");
    var c4 = tr.insertCell(-1);
    c4.className = "nowrap";
    if (r.judgment_id) {
      var a = document.createElement("a");
      a.href = caseUrl.replace(/\/0$/, "/" + r.judgment_id);
      a.textContent = r.case_number || "查看";
      c4.appendChild(a);
    }
  }

  function update(d) {
    var st = el("job-status");
    st.textContent = "";
    st.appendChild(badge(d.status_name, "st-" + d.status));
    var p = el("job-progress");
    p.max = Math.max(d.total, 1);
    p.value = d.done;
    el("job-count").textContent = d.done + " / " + d.total;
    if (kind === "ingest") {
      el("n-stored").textContent = d.counts["已入库"];
      el("n-dup").textContent = d.counts["重复"];
      el("n-rej").textContent = d.counts["拒收"];
      if (table) d.results.forEach(addRow);
    }
    if (d.error) { el("job-error").textContent = d.error; el("job-error").hidden = false; }
    if (d.finished) el("job-done-note").hidden = true;
    if (kind === "generate" && d.draft_id) {
      var info = d.draft || {};
      el("draft-info").textContent = (info.title || "") + (info.number ? "（" + info.number + "）" : "");
      el("draft-link").href = draftUrl.replace(/\/0$/, "/" + d.draft_id);
      el("draft-download").href = draftUrl.replace(/\/0$/, "/" + d.draft_id) + "/download";
      el("draft-box").hidden = false;
    }
    box.setAttribute("data-status", d.status);
  }

  function poll() {
    fetch(url + "?since=" + seen, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (res) {
        if (res.redirected || !res.ok) throw new Error(res.redirected ? "login" : String(res.status));
        return res.json();
      })
      .then(function (d) {
        failures = 0;
        update(d);
        if (!d.finished) setTimeout(poll, 1000);
      })
      .catch(function (err) {
        failures += 1;
        if (String(err && err.message) === "login") {
          el("job-error").textContent = "登录已失效，请重新登录后刷新本页。";
          el("job-error").hidden = false;
          return;
        }
        setTimeout(poll, Math.min(10000, 1000 * failures));
      });
  }

  if (status === "queued" || status === "running") setTimeout(poll, 500);
})();
