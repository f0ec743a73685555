// boardpack serve: reloads the page after each rebuild, where it was scrolled to.
// Served only by `boardpack serve`, never part of a built site.
(() => {
  "use strict";
  const key = "boardpack:scroll:" + location.pathname;
  // The build this page came from; a page older than the server's latest reloads.
  let version = new URL(document.currentScript.src).searchParams.get("v");

  // Storage can be switched off; the page then reloads at the top.
  const storage = {
    take() {
      try {
        const value = sessionStorage.getItem(key);
        sessionStorage.removeItem(key);
        return JSON.parse(value);
      } catch (_) {
        return null;
      }
    },
    put(value) {
      try {
        sessionStorage.setItem(key, JSON.stringify(value));
      } catch (_) {
        // Nothing to do.
      }
    },
  };

  // Set just before a reload of ours, so ordinary visits are left where the browser puts them.
  const position = storage.take();
  if (position !== null && Number.isFinite(position.x) && Number.isFinite(position.y)) {
    const restore = () => window.scrollTo(position.x, position.y);
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore, { once: true });
  }

  function reload() {
    storage.put({ x: window.scrollX, y: window.scrollY });
    location.reload();
  }

  // Only visible pages listen: browsers allow a handful of open connections per server, and a hidden
  // tab holding one would stall the others. A page shown again catches up through "hello".
  let events = null;
  let delay = 500;
  function connect() {
    if (events !== null || document.hidden) return;
    const source = new EventSource("/__boardpack/events");
    events = source;
    // Sent on every (re)connection: after a server restart, or rebuilds missed while away, reload.
    source.addEventListener("hello", (event) => {
      delay = 500;
      if (version === null) version = event.data;
      else if (event.data !== version) reload();
    });
    source.addEventListener("reload", (event) => {
      version = event.data;
      reload();
    });
    // The search index was brought up to date (after the pages): only the search page needs it.
    source.addEventListener("search", (event) => {
      version = event.data;
      if (document.querySelector("form[data-index]") !== null) reload();
    });
    source.addEventListener("error", () => {
      // The browser retries by itself unless it gave up (CLOSED); then try again, more slowly each time.
      if (source.readyState === EventSource.CLOSED && events === source) {
        events = null;
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 5000);
      }
    });
  }
  function disconnect() {
    if (events !== null) {
      events.close();
      events = null;
    }
  }
  document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", connect);
  connect();
})();
