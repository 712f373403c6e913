/* The search box, made to work for a visitor who reads Chinese on a phone.

   1. Material's search panel is a dialog without a name: it gets the search field's.

   2. Every change to the field is searched. Material reads the field on "keyup" only
   (and when it gains the focus, and once when the index is ready). Text that comes
   without a key is never searched: a name pasted from a chat, a word chosen among an
   input method's candidates where no key event follows, dictation; and a query typed
   while the index loads stays at the part typed when the index became ready. So each
   change of the value (an "input" event, or the end of a composition) is announced to
   the field as a keyup; Material reads the value and, as ever, skips one it has just
   searched. The half-composed pinyin of an input method is left alone.

   3. The search index is fetched when the visitor starts to search, not with every
   page. Material's bundle asks for search/search_index.json (an XMLHttpRequest) the
   moment it starts, and with a thousand points the index weighs megabytes: too much for
   someone who scanned a plaque on mobile data to read the opening hours. Material 9 has
   no option or hook for this (the window.__search.index of Material 5 to 7 is gone; 9.x
   always requests the file itself), so this script, run just before the bundle, holds
   back the send() of that one request until the visitor starts to search: touches or
   focuses the search field, taps the magnifier, or presses a key that opens search
   ("/", "s", "f", which Material answers by focusing the field). The request then goes
   out as Material made it and Material's own code reads the answer, so the worker, the
   results and the highlighting on the next page work as before. A page opened with a
   query (?q=, deep link) or with terms to highlight (?h=, from a search result) needs
   the index at once and gets it at once. */
(function () {
  "use strict";

  var config = document.getElementById("__config");
  if (!config || !document.forms.namedItem("search")) return;  // no search, no request

  // 1. Material's search panel is a dialog without a name: give it the search field's own
  var dialog = document.querySelector('.md-search[role="dialog"]');
  var field = document.forms.namedItem("search").elements.namedItem("query");
  if (dialog && field && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label") || field.placeholder);
  }

  // 2. each change of the value is announced as the keyup Material listens for
  function searchValue(event) {
    if (event.target === field && !event.isComposing) field.dispatchEvent(new KeyboardEvent("keyup"));
  }
  if (field) {
    field.addEventListener("input", searchValue);
    field.addEventListener("compositionend", searchValue);
  }

  // 3. the index: held back until the visitor starts to search
  var base = new URL(JSON.parse(config.textContent).base, location);
  var index = new URL("search/search_index.json", base).href;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var toHold = new WeakSet();
  var held = [];
  var released = false;

  function patchedOpen(method, url) {
    if (!released && new URL(url, location).href === index) toHold.add(this);
    return open.apply(this, arguments);
  }

  function patchedSend() {
    if (!released && toHold.has(this)) {
      held.push([this, arguments]);
      return;
    }
    return send.apply(this, arguments);
  }

  function release() {
    if (released) return;
    released = true;
    document.removeEventListener("pointerdown", onPointer, true);
    document.removeEventListener("focusin", onFocus, true);
    document.removeEventListener("change", onToggle, true);
    if (XMLHttpRequest.prototype.open === patchedOpen) XMLHttpRequest.prototype.open = open;
    if (XMLHttpRequest.prototype.send === patchedSend) XMLHttpRequest.prototype.send = send;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }

  // A touch starts the download a moment before the field gets the focus.
  function onPointer(event) {
    if (event.target.closest && event.target.closest('label[for="__search"], form[name="search"]')) release();
  }

  function onFocus(event) {
    if (event.target.form && event.target.form.name === "search") release();
  }

  function onToggle(event) {
    if (event.target.id === "__search" && event.target.checked) release();
  }

  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) return;  // wanted now: let Material fetch it

  XMLHttpRequest.prototype.open = patchedOpen;
  XMLHttpRequest.prototype.send = patchedSend;
  document.addEventListener("pointerdown", onPointer, true);
  document.addEventListener("focusin", onFocus, true);
  document.addEventListener("change", onToggle, true);
})();
