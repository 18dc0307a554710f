/* lessonkit: class view (teacher-only blocks hidden on screen) and keyboard access to the theme's menus.
 * Loaded in <head> without `defer`, so that class view applies before the first paint:
 * teacher notes never flash on a projected screen. */
"use strict";
// Kolibri shows an HTML5 app in an iframe sandboxed without allow-same-origin, where reading
// window.localStorage throws; Sphinx's search and search-word highlighting read and write it, and would
// stop there. Give every script of the page a storage kept in memory instead (forgotten with the page).
(() => {
  try {
    if (window.localStorage) return;
  } catch (err) {
    // refused: the sandbox
  }
  const items = new Map();
  const memory = {
    getItem: (key) => (items.has(String(key)) ? items.get(String(key)) : null),
    setItem: (key, value) => { items.set(String(key), String(value)); },
    removeItem: (key) => { items.delete(String(key)); },
    clear: () => { items.clear(); },
    key: (index) => [...items.keys()][index] ?? null,
    get length() { return items.size; },
    lessonkitInMemory: true, // forgotten with the page: class view carries its choice in the links
  };
  try {
    Object.defineProperty(window, "localStorage", { value: memory, configurable: true });
  } catch (err) {
    // a browser that will not let the property be replaced: the page works, search may not
  }
})();
(() => {
  const KEY = "lessonkit-class-view";
  const PARAM = "lk-view";
  const root = document.documentElement;

  // Chromium shares localStorage between file:// pages; a browser that refuses storage on
  // file:// gets the choice carried from page to page in the links instead (see carryInLinks).
  const storage = (() => {
    try {
      const store = window.localStorage;
      if (store.lessonkitInMemory) return null; // the stand-in above: it keeps nothing for the next page
      store.setItem(`${KEY}-probe`, "1");
      store.removeItem(`${KEY}-probe`);
      return store;
    } catch (err) {
      return null;
    }
  })();

  const asked = new URLSearchParams(window.location.search).get(PARAM);
  let classView = asked ? asked === "class" : storage?.getItem(KEY) === "on";

  const apply = () => {
    root.classList.toggle("lk-class-view", classView);
    for (const button of document.querySelectorAll(".lk-class-toggle")) {
      button.setAttribute("aria-pressed", String(classView));
    }
  };

  const remember = () => {
    if (storage) storage.setItem(KEY, classView ? "on" : "off");
  };

  if (asked) remember();
  apply();

  const carryInLinks = (event) => {
    if (storage || !classView) return;
    const link = event.target.closest?.("a[href]");
    if (!link) return;
    const target = new URL(link.href, window.location.href);
    if (target.protocol !== window.location.protocol || target.host !== window.location.host) return;
    if (target.pathname === window.location.pathname && target.hash) return;
    target.searchParams.set(PARAM, "class");
    link.href = target.href;
  };

  // The theme opens its menus with a <label> for a hidden check box: give each one a keyboard.
  const DRAWERS = { __navigation: ".sidebar-drawer", __toc: ".toc-drawer" };
  const keyboardToggles = () => {
    for (const label of document.querySelectorAll("label[for]:not(.overlay)")) {
      const box = document.getElementById(label.htmlFor);
      if (!box || box.type !== "checkbox") continue;
      label.tabIndex = 0;
      label.setAttribute("role", "button");
      const name = box.getAttribute("aria-label");
      if (name) label.setAttribute("aria-label", name);
      const sync = () => label.setAttribute("aria-expanded", String(box.checked));
      sync();
      box.addEventListener("change", sync);
      label.addEventListener("keydown", (event) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        box.click();
        // an opened drawer takes the focus, so that the next Tab goes through its links
        const drawer = box.checked && DRAWERS[box.id] ? document.querySelector(DRAWERS[box.id]) : null;
        drawer?.querySelector("input, a[href], button")?.focus();
      });
    }
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      for (const box of document.querySelectorAll(".sidebar-toggle:checked")) {
        box.click();
        document.querySelector(`label[for="${box.id}"][tabindex]`)?.focus();
      }
    });
  };

  document.addEventListener("DOMContentLoaded", () => {
    for (const button of document.querySelectorAll(".lk-class-toggle")) {
      button.hidden = false;
      button.addEventListener("click", () => {
        classView = !classView;
        remember();
        apply();
      });
    }
    apply();
    document.addEventListener("click", carryInLinks, true);
    keyboardToggles();
    fillableHandouts();
  });

  // A handout filled in on screen: its text boxes grow with the answer, and its button prints the
  // handout alone (a browser's print dialog also saves it as a PDF). Nothing typed is stored.
  const fillableHandouts = () => {
    for (const box of document.querySelectorAll("textarea.lk-answer")) {
      box.addEventListener("input", () => {
        if (box.scrollHeight > box.clientHeight) box.style.height = `${box.scrollHeight}px`;
      });
    }
    for (const holder of document.querySelectorAll(".lk-print-handout")) {
      const block = holder.closest(".lk-block");
      if (!block) continue;
      holder.hidden = false;
      holder.querySelector("button").addEventListener("click", () => {
        // the block and the elements that hold it stay; everything else is left out of the print
        const path = [];
        for (let parent = block.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
          path.push(parent);
        }
        const done = () => {
          block.classList.remove("lk-printing");
          for (const element of path) element.classList.remove("lk-printing-path");
          root.classList.remove("lk-printing-block");
          window.removeEventListener("afterprint", done);
        };
        block.classList.add("lk-printing");
        for (const element of path) element.classList.add("lk-printing-path");
        root.classList.add("lk-printing-block");
        window.addEventListener("afterprint", done);
        window.print();
      });
    }
  };
})();
