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
      // ?poll=1: a finished job answers 204 and leaves its result (a one-time
      // message, the preview) to the page loaded again below.
      const url = new URL(window.location.href);
      url.searchParams.set("poll", "1");
      response = await fetch(url, { credentials: "same-origin" });
    } catch (error) {
      window.setTimeout(poll, seconds * 1000);
      return;
    }
    if (response.status === 204) {
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
