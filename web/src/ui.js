// ui.js -- what the views share besides the state: the error banner, the
// navigation hook main.js installs, and a loader that runs a view's fetches
// so that only the newest one renders (older ones are aborted).
export const ui = {
  // navigate(changes, push): merges changes into the state, writes the URL
  // and shows the current view (set by main.js).
  navigate: () => {},
};

export function showError(message) {
  const box = document.getElementById("error");
  box.textContent = message;
  box.hidden = false;
}

export function clearError() {
  const box = document.getElementById("error");
  box.textContent = "";
  box.hidden = true;
}

// A loader for one part of a view.  run(fn) aborts the part's previous run
// and calls fn(signal, current); fn renders only while current() is true.
// The section's data-loaded attribute says "false" while any part loads,
// "true" when all are done, "error" when one failed (tests wait on it).
export function loader(section) {
  let ctrl = null;
  let seq = 0;
  return async function run(fn) {
    if (ctrl) ctrl.abort();
    ctrl = new AbortController();
    const my = ++seq;
    const pending = Number(section.dataset.pending || 0) + 1;
    section.dataset.pending = String(pending);
    section.dataset.loaded = "false";
    let failed = false;
    try {
      await fn(ctrl.signal, () => my === seq);
    } catch (e) {
      if (e && e.name !== "AbortError" && my === seq) {
        failed = true;
        showError(e.message || String(e));
      }
    } finally {
      const left = Number(section.dataset.pending) - 1;
      section.dataset.pending = String(left);
      if (failed) section.dataset.loaded = "error";
      else if (left === 0 && section.dataset.loaded !== "error") section.dataset.loaded = "true";
    }
  };
}
