/* The site's search engine: the browser half of generator/searchindex.py.

   The index is static files under search/ (see searchindex.py for their format): a
   manifest, token shards and card files. A query fetches the manifest once, then only
   the shards of its own tokens and the cards of its best results; nothing is fetched
   before the first search. Every rule that makes tokens here has its twin in
   searchindex.py (normalise, tokens, pinyin, initials, exact names, fnv1a), and a test
   checks that the two agree.

   A query is read up to three ways, and a page scores by the best of them:
   - as written: pairs of Chinese characters, words of letters or digits, and the whole
     query as an exact name;
   - as pinyin, in each way its letters split into syllables of the site's names
     (xunixianshi → xu ni xian shi → xuni, nixian, xianshi; xian → xian or xi an), at a
     lower weight than Chinese;
   - as initials (xnxs → *xnx, *nxs), lower still;
   - for a run of four Chinese characters or more, as its single characters, which a
     name's tokens include: a name with one wrong character (志原服务) still has three
     of its four, though its pairs are mostly lost. This reading counts least;
   - with its last word, of three letters or more, as the beginning of a word still being
     typed (jewel → ^jewel, which jewellery's tokens include), a little below as written.
   A reading's score for a page is the sum, over the query tokens the page has, of the
   token's rarity (idf) times the weight of the best field the page has it in, times the
   square of the share of the reading the page covers: a name with one wrong character
   still shares most of its pairs, and a page that has all of the query beats one that
   has part of it. A page with the query as its exact name or keyword comes first. */
(function () {
  "use strict";

  var FORMAT = 1;
  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  var APOSTROPHES = "'\u2019\u02bc";
  var RUN = new RegExp("[" + HAN + "]+|[a-z0-9]+(?:[" + APOSTROPHES + "][a-z0-9]+)*", "gu");
  var IS_HAN = new RegExp("^[" + HAN + "]", "u");
  var ENDS_HAN = new RegExp("[" + HAN + "]$", "u");
  var APOSTROPHE = new RegExp("[" + APOSTROPHES + "]");
  var LETTERS = /^[a-z]+$/;
  var NOT_KEPT = new RegExp("[^" + HAN + "a-z0-9]+", "gu");
  // searchindex.STOP_WORDS, NOT_PLURAL and PREFIX
  var STOP_WORDS = set(["the", "of", "and", "for", "in", "a", "an", "to", "on", "at", "with", "by"]);
  var NOT_PLURAL = set(["news", "series", "species"]);
  var PREFIX = [3, 6];
  var EXACT = 10000;  // an exact name's weight (searchindex.EXACT) times this outweighs any sum
  // how much each reading counts: a name's characters without their order count least
  var READINGS = { text: 1, prefix: 0.8, pinyin: 0.6, initials: 0.5, characters: 0.3 };
  var SHOWN = 20;  // results returned, best first

  function set(items) {
    var out = Object.create(null);
    items.forEach(function (item) { out[item] = true; });
    return out;
  }
  function normalise(text) { return String(text).normalize("NFKC").toLowerCase(); }
  function compact(text) { return normalise(text).replace(NOT_KEPT, ""); }

  /* The tokens of a text as searchindex.tokens makes them (without a name's singles or
     its words' beginnings). */
  function tokens(text) {
    var out = [];
    text = normalise(text);
    var run, runs = new RegExp(RUN.source, "gu");
    while ((run = runs.exec(text)) !== null) {
      var chars = Array.from(run[0]);
      if (!IS_HAN.test(run[0])) {
        // a word touching Chinese (A栋) is kept whole, even a stop word
        // (two code units either side: a character beyond the BMP is a pair of them)
        var end = run.index + run[0].length;
        var alone = !(ENDS_HAN.test(text.slice(Math.max(0, run.index - 2), run.index))
                      || IS_HAN.test(text.slice(end, end + 2)));
        words(run[0], alone).forEach(function (word) { out.push(singular(word)); });
      } else if (chars.length === 1) {
        out.push(run[0]);
      } else {
        for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
      }
    }
    return unique(out);
  }

  /* searchindex.words: a run's words (xi'an: xi, an, xian), without the stop words
     if it stands alone. */
  function words(run, alone) {
    var parts = run.split(APOSTROPHE);
    if (parts.length > 1 && parts[parts.length - 1] === "s") parts.pop();
    var found = parts.length > 1 ? parts.concat([parts.join("")]) : parts;
    return found.filter(function (word) { return !(alone && STOP_WORDS[word]); });
  }

  /* searchindex.singular: cities → city, classes → class, points → point. */
  function singular(word) {
    if (word.length < 4 || NOT_PLURAL[word] || !LETTERS.test(word)) return word;
    if (/ies$/.test(word) && word.length >= 5) return word.slice(0, -3) + "y";
    if (/(sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
    if (/s$/.test(word) && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
    return word;
  }

  function unique(items) {
    var seen = Object.create(null);
    return items.filter(function (item) { return seen[item] ? false : (seen[item] = true); });
  }

  /* The ways letters split into syllables of the site's pinyin (xian: xian, xi an),
     fewest syllables first, at most LIMIT of them; none if they do not split. */
  var LIMIT = 8;
  function splits(letters, known) {
    var found = [];
    (function walk(at, said) {
      if (found.length >= 64) return;
      if (at === letters.length) { found.push(said); return; }
      for (var end = Math.min(letters.length, at + 6); end > at; end--) {
        var piece = letters.slice(at, end);
        if (known[piece]) walk(end, said.concat([piece]));
      }
    })(0, []);
    return found.sort(function (a, b) { return a.length - b.length; }).slice(0, LIMIT);
  }

  /* The readings of a query: each a list of tokens, and what it counts. */
  function readings(query, known) {
    var written = tokens(query);
    var key = compact(query);
    var out = [{ name: "text", tokens: key ? written.concat(["=" + key]) : written }];
    var han = written.filter(function (token) { return IS_HAN.test(token); });
    // one wrong character in a name of four or more: the name's other characters
    var characters = [];
    (normalise(query).match(RUN) || []).forEach(function (run) {
      var chars = Array.from(run);
      if (chars.length >= 4 && IS_HAN.test(run)) characters = characters.concat(chars);
    });
    if (characters.length) {
      characters = unique(characters);
      // all of them but one: the one written wrong
      out.push({ name: "characters", tokens: characters, least: characters.length - 1 });
    }
    // the last word, still being typed: the beginning of a longer word (exch: exchange)
    var runs = normalise(query).match(RUN) || [];
    var last = runs.length ? runs[runs.length - 1] : "";
    var typed = words(last, false).pop() || "";  // its parts joined, if it has apostrophes
    if (LETTERS.test(typed) && typed.length >= PREFIX[0]) {
      var own = tokens(last);
      out.push({ name: "prefix", tokens: unique(written.filter(function (token) {
        return own.indexOf(token) < 0;
      }).concat(["^" + typed.slice(0, PREFIX[1])])) });
    }
    var letters = (normalise(query).match(/[a-z]+/g) || []).join("");
    if (!letters || /[0-9]/.test(query)) return out;
    splits(letters, known).forEach(function (said) {
      var pairs = said.length === 1 ? said : said.slice(1).map(function (s, i) { return said[i] + s; });
      out.push({ name: "pinyin", tokens: unique(han.concat(pairs)) });
    });
    if (letters.length >= 3 && letters.length <= 12) {
      var triples = [];
      for (var i = 0; i + 3 <= letters.length; i++) triples.push("*" + letters.slice(i, i + 3));
      out.push({ name: "initials", tokens: unique(han.concat(triples)) });
    }
    return out;
  }

  /* 32-bit FNV-1a of the token's UTF-8 bytes: searchindex.fnv1a. */
  function fnv1a(token) {
    var bytes = new TextEncoder().encode(token), value = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) value = Math.imul(value ^ bytes[i], 0x01000193) >>> 0;
    return value;
  }

  /* Ranges of *text* to highlight for *query*: where the text has a token of the query
     (pairs of Chinese characters join into runs), or the query whole. */
  function marks(text, query) {
    text = String(text);
    var lower = normalise(text);
    if (lower.length !== text.length) return [];  // offsets would not match the text
    var wanted = tokens(query).filter(function (token) { return token.length > 1 || !IS_HAN.test(token); });
    // and its words as typed, which a singular does not find (cities: city)
    (normalise(query).match(RUN) || []).forEach(function (run) {
      if (!IS_HAN.test(run)) wanted = wanted.concat(words(run, true));
    });
    wanted = unique(wanted);
    var ranges = [];
    wanted.forEach(function (token) {
      for (var at = lower.indexOf(token); at >= 0; at = lower.indexOf(token, at + 1)) {
        ranges.push([at, at + token.length]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (range) {
      var last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push(range.slice());
    });
    return merged;
  }

  function open(base) {
    var root = new URL("search/", base);
    var manifest = null, shards = {}, cards = {};

    function fetchJson(path, options) {
      return fetch(new URL(path, root), options).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
    }

    function ready() {
      if (!manifest) {
        // asked of the server each time (a 304 when unchanged): a manifest from an
        // earlier build, kept by a cache, would count its shards differently
        manifest = fetchJson("manifest.json", { cache: "no-cache" }).then(function (found) {
          if (found.v !== FORMAT) throw new Error("search index format " + found.v);
          found.known = Object.create(null);
          found.syllables.forEach(function (s) { found.known[s] = true; });
          return found;
        });
        manifest.catch(function () { manifest = null; });  // try again at the next query
      }
      return manifest;
    }

    function shard(k, id) {
      if (!shards[k]) {
        shards[k] = fetchJson("t/" + k + ".json?" + id);
        shards[k].catch(function () { delete shards[k]; });
      }
      return shards[k];
    }

    function card(number, found) {
      var k = Math.floor(number / found.chunk);
      if (!cards[k]) {
        cards[k] = fetchJson("c/" + k + ".json?" + found.id);
        cards[k].catch(function () { delete cards[k]; });
      }
      return cards[k].then(function (chunk) { return chunk[number % found.chunk]; });
    }

    /* token → {doc: weight}, and its document frequency */
    function postings(found, token) {
      return shard(fnv1a(token) % found.shards, found.id).then(function (table) {
        var flat = Object.prototype.hasOwnProperty.call(table, token) ? table[token] : null;
        var docs = Object.create(null), doc = 0;
        if (!flat) return { df: 0, docs: docs };
        for (var i = 1; i < flat.length; i += 2) {
          doc += flat[i];
          docs[doc] = flat[i + 1];
        }
        return { df: flat[0], docs: docs };
      });
    }

    /* Each page's score for one reading of the query; a page with fewer than the
       reading's `least` tokens has none. */
    function score(found, reading, lists) {
      var total = 0, sums = Object.create(null), covered = Object.create(null), exact = Object.create(null);
      var counts = Object.create(null), weight = READINGS[reading.name];
      reading.tokens.forEach(function (token) {
        var list = lists[token];
        var idf = Math.log(1 + found.n / Math.max(1, list.df));
        if (token.charAt(0) === "=") {
          for (var doc in list.docs) exact[doc] = list.docs[doc];
          return;
        }
        total += idf;
        for (var d in list.docs) {
          sums[d] = (sums[d] || 0) + idf * list.docs[d];
          covered[d] = (covered[d] || 0) + idf;
          counts[d] = (counts[d] || 0) + 1;
        }
      });
      var out = Object.create(null);
      Object.keys(sums).forEach(function (doc) {
        if (counts[doc] < (reading.least || 0)) return;
        var share = total ? covered[doc] / total : 0;
        out[doc] = { score: weight * sums[doc] * share * share, share: share };
      });
      Object.keys(exact).forEach(function (doc) {
        out[doc] = { score: EXACT * exact[doc] + (out[doc] ? out[doc].score : 0), share: 1 };
      });
      return out;
    }

    function search(query) {
      return ready().then(function (found) {
        var read = readings(query, found.known);
        var all = unique([].concat.apply([], read.map(function (reading) { return reading.tokens; })));
        return Promise.all(all.map(function (token) { return postings(found, token); })).then(function (lists) {
          var byToken = Object.create(null);
          all.forEach(function (token, i) { byToken[token] = lists[i]; });
          var best = Object.create(null);
          read.forEach(function (reading) {
            var scored = score(found, reading, byToken);
            for (var doc in scored) {
              if (!best[doc] || scored[doc].score > best[doc].score) best[doc] = scored[doc];
            }
          });
          // a page that covers less than half of what the best one covers is noise
          var top = 0;
          for (var doc in best) top = Math.max(top, best[doc].share);
          var ranked = Object.keys(best).filter(function (doc) {
            return best[doc].score > 0 && best[doc].share >= top / 2;
          }).sort(function (a, b) { return best[b].score - best[a].score || a - b; });
          return Promise.all(ranked.slice(0, SHOWN).map(function (doc) {
            return card(Number(doc), found);
          })).then(function (shown) {
            return {
              query: query, total: ranked.length,
              results: shown.map(function (c, i) {
                return { href: new URL(c[0], base).href, url: c[0], title: c[1], kind: c[2],
                         kind_label: c[3], field: c[4], district: c[5], summary: c[6],
                         schedule: c[7], score: best[ranked[i]].score };
              })
            };
          });
        });
      });
    }

    // The engine is opened when the visitor starts to search (the dialog loads it then):
    // the manifest comes now, while they type, and the first query waits for one round
    // trip less
    ready().catch(function () {});

    return {
      search: search,
      marks: marks,
      holidays: function () { return ready().then(function (found) { return found.holidays; }); }
    };
  }

  window.showcaseSearchEngine = {
    open: function (base) { return open(new URL(base, location.href)); },
    // for the tests, which check that these make the tokens searchindex.py makes
    tokens: tokens, readings: readings, fnv1a: fnv1a, compact: compact, marks: marks
  };
})();
