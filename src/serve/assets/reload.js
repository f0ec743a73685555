// boardpack serve: reloads the page after each rebuild, where it was scrolled to.
// Served only by `boardpack serve`, never part of a built site.
(() => {
  "use strict";
  const key = "boardpack:scroll:" + location.pathname;
  // The build this page came from; a page older than the server's latest reloads.
  let version = new URL(document.currentScript.src).searchParams.get("v");

  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    let position = null;
    try {
      position = JSON.parse(saved);
    } catch (_) {
      // Not ours: leave the page where the browser put it.
    }
    if (position && Number.isFinite(position.x) && Number.isFinite(position.y)) {
      const restore = () => window.scrollTo(position.x, position.y);
      if (document.readyState === "complete") restore();
      else window.addEventListener("load", restore, { once: true });
    }
  }

  function reload() {
    sessionStorage.setItem(key, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    location.reload();
  }

  let delay = 500;
  function connect() {
    const events = new EventSource("/__boardpack/events");
    // Sent on every (re)connection: after a server restart, or rebuilds missed while away, reload.
    events.addEventListener("hello", (event) => {
      delay = 500;
      if (version === null) version = event.data;
      else if (event.data !== version) reload();
    });
    events.addEventListener("reload", (event) => {
      version = event.data;
      reload();
    });
    events.addEventListener("error", () => {
      // The browser retries by itself unless it gave up (CLOSED); then try again, more slowly each time.
      if (events.readyState === EventSource.CLOSED) {
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 5000);
      }
    });
  }
  connect();
})();
