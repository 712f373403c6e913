/* The site's search: the header's link opens a dialog over the page, made for a visitor
   who reads Chinese on a phone (partials/header.html, partials/showcase-search.html).

   Without scripts the link leads to the directory: its complete list, and a hint with the
   lists by field and by district and a web search limited to the site.

   Nothing is fetched with the page: the engine (showcase-search-engine.js) and its index
   come when the visitor starts to search (touches, focuses or opens the link, or presses
   "/"), as someone who scanned a plaque on mobile data came for the opening hours, not
   for an index.

   Every change of the field is searched: a key, a paste, a word chosen among an input
   method's candidates (no key event follows), dictation; the half-composed pinyin of an
   input method is not. A query already searched is not searched again, and only the
   answer to the latest query is shown, whatever order the answers come in.

   Tests and benchmarks read the dialog's data-state ("busy", then "done") and data-query
   (the query whose results are shown). */
(function () {
  "use strict";

  var link = document.querySelector("a.sc-search-open");
  var settings = document.getElementById("sc-search-config");
  var template = document.getElementById("sc-search-dialog");
  if (!link || !settings || !template) return;

  var config = JSON.parse(settings.textContent);
  var words = config.strings;
  var base = new URL(config.base || ".", location.href).href;
  var openStatus = JSON.stringify(config.open_status);

  var dialog, input, meta, list, none, noneText;
  var opener = null;        // what had the focus before the dialog opened: it gets it back
  var engineLoading = null; // a promise of the engine, made on the first interaction
  var visitLoading = null;  // a promise of window.showcaseVisit (opening times)
  var holidays = null;      // a promise of the public holidays, for the opening times
  var searched = null;      // the query whose answer is shown or on its way
  var ticket = 0;           // the latest search: an older answer is dropped
  var enterPending = false; // Enter pressed before the answer came: open its first result

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function format(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? values[key] : whole;
    });
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = element("script");
      script.src = src;
      script.async = true;
      script.onload = resolve;
      script.onerror = function () {
        script.remove();  // offline: the next keystroke asks again
        reject(new Error(src));
      };
      document.head.appendChild(script);
    });
  }

  function engine() {
    if (!engineLoading) {
      engineLoading = (window.showcaseSearchEngine ? Promise.resolve() : loadScript(config.engine))
        .then(function () { return window.showcaseSearchEngine.open(base); });
      engineLoading.catch(function () { engineLoading = null; holidays = null; });
    }
    return engineLoading;
  }

  /* The opening times' functions: the page's own where it has them (a point's page, the
     directory), else showcase-visit.js loaded now. */
  function visit() {
    if (!visitLoading) {
      visitLoading = new Promise(function (resolve) {
        if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
        else resolve();
      }).then(function () {
        return window.showcaseVisit || loadScript(config.visit).then(function () {
          return window.showcaseVisit;
        });
      });
      visitLoading.catch(function () { visitLoading = null; });
    }
    return visitLoading;
  }

  /* The visitor starts to search: what the answers need is asked for now, while the
     dialog opens and the first characters are typed. */
  function prepare() {
    engine().catch(function () {});
    visit().catch(function () {});
  }

  // --- the dialog --------------------------------------------------------------------

  function build() {
    dialog = template.content.firstElementChild.cloneNode(true);
    dialog.hidden = true;
    input = dialog.querySelector("#sc-search-input");
    meta = dialog.querySelector(".sc-search__meta");
    list = dialog.querySelector(".sc-search__results");
    none = dialog.querySelector(".sc-search__none");
    noneText = dialog.querySelector(".sc-search__none-text");
    // at the end of the body: above the page and its sticky header
    document.body.appendChild(dialog);

    input.addEventListener("input", function (event) {
      if (!event.isComposing) run(input.value);
    });
    input.addEventListener("compositionend", function () { run(input.value); });
    input.addEventListener("paste", function () {
      setTimeout(function () { run(input.value); }, 0);  // the value changes after the event
    });
    dialog.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      openFirst();
    });
    dialog.querySelector(".sc-search__close").addEventListener("click", close);
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) close();  // the backdrop, beside the panel
    });
    dialog.addEventListener("keydown", onKey);
  }

  function open() {
    prepare();
    if (!dialog) build();
    if (dialog.hidden) {
      var active = document.activeElement;
      opener = active && active !== document.body && !dialog.contains(active) ? active : link;
      dialog.hidden = false;
      document.documentElement.classList.add("sc-search-shown");
      link.setAttribute("aria-expanded", "true");
    }
    input.focus();
    input.select();
  }

  function close() {
    if (!dialog || dialog.hidden) return;
    dialog.hidden = true;
    enterPending = false;
    document.documentElement.classList.remove("sc-search-shown");
    link.setAttribute("aria-expanded", "false");
    var back = opener && document.contains(opener) ? opener : link;
    opener = null;
    back.focus();
  }

  function focusable() {
    return Array.prototype.filter.call(dialog.querySelectorAll("input, button, a[href]"),
      function (node) { return node.getClientRects().length > 0; });
  }

  function resultLinks() {
    return Array.prototype.slice.call(list.querySelectorAll("a.sc-result__link"));
  }

  function openFirst() {
    var answered = dialog.getAttribute("data-state") === "done" &&
      dialog.getAttribute("data-query") === input.value.trim();
    if (!answered) {
      enterPending = true;  // opened when the answer comes, if it has a result
      return;
    }
    var first = resultLinks()[0];
    if (first) first.click();
  }

  function onKey(event) {
    // an input method's keys (its candidates are chosen with arrows, Enter and Esc)
    if (event.isComposing || event.keyCode === 229) return;
    var target = event.target;
    var links = resultLinks();
    var at = links.indexOf(target);
    if (event.key === "Escape") {
      event.preventDefault();  // a search field would also clear itself
      close();
    } else if (event.key === "Tab") {  // the focus stays in the dialog
      var all = focusable();
      var first = all[0], last = all[all.length - 1];
      if (event.shiftKey && (target === first || !dialog.contains(target))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && target === last) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === "ArrowDown" && (target === input || at >= 0)) {
      event.preventDefault();
      if (links[at + 1]) links[at + 1].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at > 0 ? links[at - 1] : input).focus();
    } else if (at >= 0 && event.key.length === 1 && !event.ctrlKey && !event.metaKey &&
               !event.altKey) {
      input.focus();  // typing on a result goes on in the field
    }
  }

  // --- searching -----------------------------------------------------------------------

  function run(value) {
    var query = value.trim();
    if (query === searched) return;
    searched = query;
    var mine = ++ticket;
    if (!query) {
      show(null, "", null);
      return;
    }
    dialog.setAttribute("data-state", "busy");
    var slow = engineLoading ? null : setTimeout(function () {
      if (mine === ticket) meta.textContent = words.loading;
    }, 300);
    var loaded;
    engine().then(function (found) {
      loaded = found;
      if (!holidays) holidays = Promise.resolve(found.holidays()).catch(function () { return []; });
      return Promise.all([found.search(query), holidays,
                          visit().catch(function () { return null; })]);
    }).then(function (answer) {
      clearTimeout(slow);
      if (mine !== ticket) return;  // a later query was asked meanwhile
      show(answer[0], query, { engine: loaded, holidays: JSON.stringify(answer[1] || []),
                               visit: answer[2] });
    }, function () {
      clearTimeout(slow);
      if (mine !== ticket) return;
      searched = null;  // the same words are searched again once the network is back
      show(null, query, null);
      meta.textContent = words.failed;
      dialog.setAttribute("data-state", "failed");
    });
  }

  /* Shows the answer to *query* (none for an empty query). */
  function show(answer, query, context) {
    var results = answer ? answer.results || [] : [];
    list.textContent = "";
    meta.classList.remove("sc-visually-hidden");
    none.hidden = true;
    if (!query) {
      meta.textContent = words.prompt;
    } else if (answer && !results.length) {
      // the panel says it, with where to look instead; the live line says it aloud
      meta.textContent = noneText.textContent = format(words.none, { query: query });
      meta.classList.add("sc-visually-hidden");
      none.hidden = false;
    } else if (answer) {
      var total = Math.max(answer.total || 0, results.length);
      meta.textContent = format(total > results.length ? words.found_more : words.found,
                                { count: results.length, total: total });
      results.forEach(function (result) { list.appendChild(card(result, query, context)); });
    }
    dialog.setAttribute("data-query", query);
    dialog.setAttribute("data-state", "done");
    if (enterPending) {
      enterPending = false;
      if (query === input.value.trim()) openFirst();
    }
  }

  /* *text* as text, with the words of *query* the engine finds in it marked (its ranges
     come in order and do not overlap). */
  function marked(node, text, query, found) {
    var ranges = found && found.marks ? found.marks(text, query) || [] : [];
    var at = 0;
    ranges.forEach(function (range) {
      var start = Math.max(range[0], at), end = Math.min(range[1], text.length);
      if (end <= start) return;
      if (start > at) node.appendChild(document.createTextNode(text.slice(at, start)));
      node.appendChild(element("mark", null, text.slice(start, end)));
      at = end;
    });
    if (at < text.length) node.appendChild(document.createTextNode(text.slice(at)));
    return node;
  }

  /* One result as a short card: name and kind, field and district, whether a point is
     open now (or when it opens next), and one line of its summary. */
  function card(result, query, context) {
    var item = element("li", "sc-result");
    var anchor = element("a", "sc-result__link");
    anchor.href = result.href || new URL(result.url, base).href;
    var head = element("span", "sc-result__head");
    head.appendChild(marked(element("span", "sc-result__name"), result.title || "", query,
                            context.engine));
    if (result.kind_label) head.appendChild(element("span", "sc-result__kind", result.kind_label));
    anchor.appendChild(head);
    if (result.field || result.district) {
      var facts = element("span", "sc-result__facts");
      if (result.field) {
        facts.appendChild(marked(element("span", "sc-result__field"), result.field, query,
                                 context.engine));
      }
      if (result.district) {
        facts.appendChild(marked(element("span", "sc-result__district"), result.district, query,
                                 context.engine));
      }
      anchor.appendChild(facts);
    }
    if (result.kind === "point" && result.schedule && context.visit) {
      var now = element("span", "sc-result__open");
      now.setAttribute("data-schedule", JSON.stringify(result.schedule));
      now.setAttribute("data-holidays", context.holidays);
      now.setAttribute("data-strings", openStatus);
      context.visit.status(now);
      anchor.appendChild(now);
    }
    if (result.summary) {
      anchor.appendChild(marked(element("span", "sc-result__summary"), result.summary, query,
                                context.engine));
    }
    item.appendChild(anchor);
    return item;
  }

  // --- the way in ----------------------------------------------------------------------

  link.setAttribute("aria-haspopup", "dialog");
  link.setAttribute("aria-expanded", "false");
  link.addEventListener("pointerdown", prepare);  // a tap: the download starts before the click
  link.addEventListener("focus", prepare);
  link.addEventListener("click", function (event) {
    // a new tab or window goes to the directory, as without scripts
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    open();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (dialog && !dialog.hidden) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    open();
  });

  // the directory reached by the search link in a new tab, where scripts run: the search
  if (location.hash === "#sc-search-hint") {
    history.replaceState(history.state, "", location.pathname + location.search);
    open();
  }
})();
