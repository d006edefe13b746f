// "Moja lista": the activities a visitor saved with "Zapisz", kept in this browser's
// localStorage only (no account, no cookie, nothing sent to the server until the visitor
// opens /moja-lista/, whose address then carries the activities' slugs). Buttons are rendered hidden
// and shown here, so without JavaScript or storage there is no button at all.
(function () {
  var KEY = "pal-moja-lista";

  function read() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      if (!Array.isArray(value)) return [];
      return value.map(String).filter(function (id) { return /^[-a-zA-Z0-9_]{1,200}$/.test(id); });
    } catch (error) {
      return null; // storage blocked or broken
    }
  }

  function write(ids) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(ids));
      return true;
    } catch (error) {
      return false;
    }
  }

  function listUrl(path, ids) {
    return path + (ids.length ? "?" + ids.map(function (id) { return "id=" + id; }).join("&") : "");
  }

  var saved = read();
  if (saved === null || !write(saved)) return;

  var list = document.querySelector("[data-shortlist]");
  var shown = list && list.dataset.ids ? list.dataset.ids.split(",") : [];
  // The visitor's own list (not a link someone shared): removing an item updates the address.
  var ownList = list && shown.join(",") === saved.join(",");

  if (list && !shown.length && saved.length && !document.querySelector("[role=alert]")) {
    // Nothing in the address: show this browser's list, rendered by our server.
    window.location.replace(listUrl(list.dataset.url, saved));
    return;
  }

  function syncButtons() {
    var current = read() || [];
    document.querySelectorAll("[data-save-activity]").forEach(function (button) {
      var isSaved = current.indexOf(button.dataset.saveActivity) >= 0;
      button.setAttribute("aria-pressed", isSaved ? "true" : "false");
    });
    var saveAll = document.querySelector("[data-save-all]");
    if (saveAll) {
      saveAll.hidden = shown.every(function (id) { return current.indexOf(id) >= 0; });
    }
    return current;
  }

  document.querySelectorAll("[data-save-activity]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var ids = read() || [];
      var id = button.dataset.saveActivity;
      var at = ids.indexOf(id);
      if (at >= 0) ids.splice(at, 1);
      else ids.push(id);
      write(ids);
      syncButtons();
      if (ownList) window.history.replaceState(null, "", listUrl(list.dataset.url, ids));
    });
  });
  syncButtons();

  var actions = document.querySelector("[data-shortlist-actions]");
  if (!actions) return;
  var status = actions.querySelector("[data-shortlist-status]");
  var link = document.querySelector("[data-share-link]");
  actions.hidden = false;

  actions.querySelector("[data-share]").addEventListener("click", function () {
    var url = link.href;
    if (navigator.share) {
      navigator.share({ title: document.title, url: url }).catch(function () {});
    } else if (navigator.clipboard) {
      navigator.clipboard.writeText(url).then(function () {
        status.textContent = actions.dataset.copied;
      });
    } else {
      link.focus();
    }
  });
  actions.querySelector("[data-print]").addEventListener("click", function () {
    window.print();
  });
  actions.querySelector("[data-save-all]").addEventListener("click", function () {
    var ids = read() || [];
    shown.forEach(function (id) { if (ids.indexOf(id) < 0) ids.push(id); });
    write(ids);
    syncButtons();
    status.textContent = actions.dataset.savedAll;
  });
})();
