// compsim serve: work the case out as the form changes, without reloading the page.
// Everything shown comes from the server, already escaped; messages are set as text.
(function () {
  "use strict";
  var form = document.getElementById("case");
  var results = document.getElementById("results");
  if (!form || !results) { return; }
  var timer = null;
  var sequence = 0;

  function showErrors(errors) {
    var placed = {};
    form.querySelectorAll("[data-field]").forEach(function (box) {
      var key = box.getAttribute("data-field");
      if (key !== "") { placed[key] = true; }
    });
    var elsewhere = Object.keys(errors).filter(function (key) { return key !== "" && !placed[key]; });
    form.querySelectorAll("[data-field]").forEach(function (box) {
      var key = box.getAttribute("data-field");
      var message = errors[key] || "";
      if (key === "") {  // the case as a whole, and any message for an input not on the page
        message = [message].concat(elsewhere.map(function (name) {
          return name + ": " + errors[name];
        })).filter(Boolean).join("; ");
      }
      var slot = box.querySelector(":scope > .error") || (box.classList.contains("error") ? box : null);
      if (slot) { slot.textContent = message; }
      box.classList.toggle("bad", message !== "");
      var folded = box.closest("details");
      if (message && folded) { folded.open = true; }
    });
  }

  function update() {
    var mine = ++sequence;
    var body = new URLSearchParams(new FormData(form));
    fetch("/evaluate", {
      method: "POST",
      body: body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (response) {
      if (response.status !== 200 && response.status !== 422) {
        return response.text().then(function (text) { throw new Error(text); });
      }
      return response.json();
    }).then(function (data) {
      if (mine !== sequence) { return; }  // a later change is on its way
      showErrors(data.errors || {});
      if (data.ok) { results.innerHTML = data.results; }
      results.classList.toggle("stale", !data.ok);
      document.body.setAttribute("data-state", data.ok ? "ok" : "invalid");
    }).catch(function (error) {
      if (mine !== sequence) { return; }
      showErrors({ "": String(error.message || error) });
      document.body.setAttribute("data-state", "failed");
    });
  }

  function soon() {
    document.body.setAttribute("data-state", "working");
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  }

  function renumber(list) {
    var entries = form.querySelectorAll('[data-entries="' + list + '"] > .entry');
    entries.forEach(function (entry, index) {
      var number = String(index + 1);
      var pattern = new RegExp("^" + list + "\\.(\\d+|__N__)\\.");
      entry.setAttribute("data-field", list + "." + number);
      entry.querySelector(".number").textContent = number;
      entry.querySelectorAll("[name], [id], [for], [data-field]").forEach(function (node) {
        ["name", "data-field"].forEach(function (attribute) {
          var value = node.getAttribute(attribute);
          if (value) { node.setAttribute(attribute, value.replace(pattern, list + "." + number + ".")); }
        });
        ["id", "for"].forEach(function (attribute) {
          var value = node.getAttribute(attribute);
          if (value) { node.setAttribute(attribute, value.replace(new RegExp("^in-" + list + "\\.(\\d+|__N__)\\."), "in-" + list + "." + number + ".")); }
        });
      });
    });
  }

  form.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add]");
    var remove = event.target.closest("[data-remove]");
    if (add) {
      var list = add.getAttribute("data-add");
      var template = document.getElementById("template-" + list);
      var holder = form.querySelector('[data-entries="' + list + '"]');
      holder.appendChild(template.content.cloneNode(true));
      renumber(list);
      soon();
    } else if (remove) {
      var entry = remove.closest(".entry");
      var name = entry.getAttribute("data-list");
      entry.remove();
      renumber(name);
      soon();
    }
  });
  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
  form.addEventListener("submit", function (event) {
    var target = event.submitter && event.submitter.getAttribute("formaction");
    if (!target) { event.preventDefault(); update(); }  // downloads and saving go as forms
  });

  var search = document.getElementById("search");
  if (search) {
    search.addEventListener("input", function () {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      document.querySelectorAll("#library > li").forEach(function (item) {
        var text = item.getAttribute("data-search");
        var match = words.every(function (word) { return text.indexOf(word) !== -1; });
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      document.getElementById("no-match").hidden = shown > 0;
    });
  }
  document.body.setAttribute("data-state", "ready");
}());
