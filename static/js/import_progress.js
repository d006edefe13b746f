// The admin import's progress page (templates/admin/activities/activity/import_job.html):
// without JavaScript staff press "Show the progress now"; with it, the page asks for
// itself every few seconds, updates the status region, and shows the preview or
// result once the import is done.
(function () {
  "use strict";
  const region = document.getElementById("import-progress");
  if (!region || !window.fetch) {
    return;
  }
  const seconds = Number(region.dataset.refreshSeconds) || 2;
  async function poll() {
    let response;
    try {
      // A finished save answers with a redirect carrying a one-time message: let
      // the browser itself follow it, not this request.
      response = await fetch(window.location.href, {
        credentials: "same-origin",
        redirect: "manual",
      });
    } catch (error) {
      window.setTimeout(poll, seconds * 1000);
      return;
    }
    if (response.type === "opaqueredirect") {
      window.location.reload();
      return;
    }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("import-progress");
    if (!fresh) {
      window.location.reload(); // done: the preview or result replaces this page
      return;
    }
    region.replaceChildren(...fresh.childNodes);
    window.setTimeout(poll, seconds * 1000);
  }
  window.setTimeout(poll, seconds * 1000);
})();
