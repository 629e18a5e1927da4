/* The editors' form for events and commentary: live preview and cite-by-lookup.
 *
 * Progressive enhancement only: without this script the Preview button posts the
 * form to the same preview view in a new tab, and citations are typed by hand.
 * No inline script or style (CSP): everything here is wired from data-* attributes.
 */
function startEditor() {
  "use strict";

  var body = document.getElementById("id_body");
  var pane = document.getElementById("live-preview");
  if (!body || !pane) return;

  var form = body.form;
  var previewUrl = pane.getAttribute("data-preview-url");
  var lookupUrl = pane.getAttribute("data-lookup-url");
  var content = pane.querySelector(".preview-content");
  var bodyRow = body.closest(".form-row") || body.parentNode;

  // The preview sits right under the body, where the editor looks.
  bodyRow.parentNode.insertBefore(pane, bodyRow.nextSibling);
  pane.hidden = false;

  function csrfToken() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // Live preview ---------------------------------------------------------------------------

  var timer = null;
  var sequence = 0;

  function refresh() {
    var data = new FormData();
    data.append("body", body.value);
    data.append("csrfmiddlewaretoken", csrfToken());
    // The authors' rows, so the preview can say "No author" before saving.
    form.querySelectorAll("[name^=authorships-]").forEach(function (field) {
      if (field.type === "checkbox" && !field.checked) return;
      data.append(field.name, field.value);
    });
    var mine = ++sequence;
    fetch(previewUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        if (mine !== sequence) return; // a later keystroke already asked again
        content.innerHTML = html; // rendered and sanitised by the server's own renderer
        pane.classList.remove("preview-failed");
        var notice = document.getElementById("no-author-notice");
        if (notice) notice.hidden = !html.includes("No author:");
      })
      .catch(function () {
        pane.classList.add("preview-failed");
      });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 350);
  }

  body.addEventListener("input", schedule);
  form.addEventListener("change", function (event) {
    if (event.target.name && event.target.name.indexOf("authorships-") === 0) schedule();
  });
  refresh();

  // Cite by lookup -------------------------------------------------------------------------

  var list = document.createElement("ul");
  list.className = "cite-suggestions";
  list.id = "cite-suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Sources to cite");
  list.hidden = true;
  bodyRow.appendChild(list);
  body.setAttribute("aria-controls", list.id);
  body.setAttribute("aria-autocomplete", "list");

  var insertRow = document.createElement("div");
  insertRow.className = "cite-insert";
  var insertButton = document.createElement("button");
  insertButton.type = "button";
  insertButton.textContent = "Insert citation";
  var search = document.createElement("input");
  search.type = "search";
  search.placeholder = "Key, title, author or year";
  search.setAttribute("aria-label", "Find a source to cite");
  search.setAttribute("aria-controls", list.id);
  search.hidden = true;
  insertRow.appendChild(insertButton);
  insertRow.appendChild(search);
  body.parentNode.insertBefore(insertRow, body);

  var results = [];
  var active = -1;
  var mode = null; // "typing": completing "[@…" in the body; "search": the Insert citation box
  var caretAtOpen = 0;

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    results = [];
    active = -1;
    mode = null;
  }

  function typedQuery() {
    var before = body.value.slice(0, body.selectionStart);
    var match = /\[@([^\s\[\];,@]*)$/.exec(before) || /(?:;\s*@)([^\s\[\];,@]*)$/.exec(before);
    if (!match) return null;
    // Only inside an open bracket: "[@ab" or "[@a; @ab".
    if (before.lastIndexOf("[") < before.lastIndexOf("]")) return null;
    return match[1];
  }

  var lookupSequence = 0;

  function lookup(query, how) {
    var mine = ++lookupSequence;
    fetch(lookupUrl + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : Promise.reject(response.status);
      })
      .then(function (data) {
        if (mine !== lookupSequence) return;
        mode = how;
        show(data.results);
      })
      .catch(close);
  }

  function show(found) {
    results = found;
    list.innerHTML = "";
    active = found.length ? 0 : -1;
    found.forEach(function (source, index) {
      var item = document.createElement("li");
      item.setAttribute("role", "option");
      item.id = "cite-option-" + index;
      item.dataset.key = source.key;
      var key = document.createElement("strong");
      key.textContent = "@" + source.key;
      item.appendChild(key);
      var details = [source.authors, source.year, source.title].filter(Boolean).join(" · ");
      item.appendChild(document.createTextNode(" " + details));
      if (source.pending) {
        var mark = document.createElement("span");
        mark.className = "cite-pending";
        mark.textContent = "pending review";
        item.appendChild(mark);
      }
      item.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the caret in the body
        choose(index);
      });
      list.appendChild(item);
    });
    if (!found.length) {
      var none = document.createElement("li");
      none.className = "cite-none";
      none.textContent = "No source matches. Add it under Sources first.";
      list.appendChild(none);
    }
    list.hidden = false;
    highlight();
  }

  function highlight() {
    Array.prototype.forEach.call(list.children, function (item, index) {
      item.setAttribute("aria-selected", index === active ? "true" : "false");
    });
    var owner = mode === "search" ? search : body;
    if (active >= 0) owner.setAttribute("aria-activedescendant", "cite-option-" + active);
  }

  function choose(index) {
    var source = results[index];
    if (!source) return;
    var value = body.value;
    var caret, start, text;
    if (mode === "typing") {
      caret = body.selectionStart;
      var before = value.slice(0, caret);
      start = before.lastIndexOf("@") + 1;
      var after = value.slice(caret);
      var rest = /^[^\s\[\];,@]*/.exec(after)[0]; // the rest of a key typed past the caret
      var closing = /^\s*[\];,]/.test(after.slice(rest.length)) ? "" : "]";
      text = source.key + closing;
      body.value = value.slice(0, start) + text + after.slice(rest.length);
      caret = start + text.length;
    } else {
      start = caretAtOpen;
      text = "[@" + source.key + "]";
      body.value = value.slice(0, start) + text + value.slice(start);
      caret = start + text.length;
      search.value = "";
      search.hidden = true;
    }
    close();
    body.focus();
    body.setSelectionRange(caret, caret);
    schedule();
  }

  function keys(event) {
    if (list.hidden || !results.length) {
      if (event.key === "Escape") close();
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      active = (active + step + results.length) % results.length;
      highlight();
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  }

  var lookupTimer = null;
  body.addEventListener("input", function () {
    var query = typedQuery();
    clearTimeout(lookupTimer);
    if (query === null) {
      if (mode === "typing") close();
      return;
    }
    lookupTimer = setTimeout(function () {
      lookup(query, "typing");
    }, 150);
  });
  body.addEventListener("keydown", function (event) {
    if (mode === "typing") keys(event);
  });
  body.addEventListener("blur", function () {
    if (mode === "typing") setTimeout(close, 150);
  });

  insertButton.addEventListener("click", function () {
    caretAtOpen = body.selectionStart || body.value.length;
    search.hidden = false;
    search.focus();
    lookup(search.value, "search");
  });
  search.addEventListener("input", function () {
    clearTimeout(lookupTimer);
    lookupTimer = setTimeout(function () {
      lookup(search.value, "search");
    }, 150);
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (list.hidden || !results.length)) event.preventDefault(); // never submit
    keys(event);
  });
}

// The admin loads form media in <head>: wait for the form.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startEditor);
else startEditor();
