// Starts the browser editor; `settings` (written above by the build) holds
// the site's stylesheets and the front-matter keys that are dates.
//
// Every backend the editor may save through (the Git host in production,
// `reportsite serve` on the editor's computer, Decap's in-browser test
// repository) is wrapped, so the same two rules hold wherever it saves:
// - a folder lists only the entries of its collection: a section's own page
//   (`_index.md`) and translations (`index.cy.md`) sit in the same folders
//   but are not entries, and a resource form must never open them;
// - a saved page's dates are TOML dates (`published = 2025-05-01`): Decap's
//   date widget hands over text, which its TOML writer would quote, and
//   reportsite reads a quoted date as text;
// - a field typed in and emptied again is left out (`cost_note = ""` would
//   be a value reportsite refuses or shows), as if never filled;
// - an event marked "All day" is saved with days alone (`start =
//   2026-03-02`): Decap's date-time picker always has a time, so the form
//   has an `all_day` box, which is never saved; an event read with days
//   alone opens with the box ticked and its days at midnight.
(function (settings) {
  "use strict";

  settings.styles.forEach(function (href) {
    CMS.registerPreviewStyle(href);
  });

  // Entry names are slugs, which hold no dot: `about.cy.md` is a translation.
  function isEntryFile(path) {
    var name = path.split("/").pop();
    var stem = name.slice(0, name.lastIndexOf("."));
    return name.charAt(0) !== "_" && stem.indexOf(".") === -1;
  }

  function entriesOnly(listed) {
    var kept = listed.filter(function (entry) {
      return isEntryFile(entry.file.path);
    });
    // Decap keeps its paging cursor on the list under a symbol.
    Object.getOwnPropertySymbols(listed).forEach(function (symbol) {
      kept[symbol] = listed[symbol];
    });
    return kept;
  }

  // Decap's TOML writer puts each top-level key on one line, before any
  // table, with text as a JSON string: a date key's line is exactly
  // `key = "YYYY-MM-DD"` (or an event's `"YYYY-MM-DDTHH:mm:ss"`; a
  // date-time it read and kept it writes unquoted, in milliseconds), and
  // only such lines change.
  var QUOTED_DATE = /^([A-Za-z0-9_-]+) = "?(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2})?)(?:\.0+)?"?$/;
  var EMPTY = /^[A-Za-z0-9_-]+ = ""$/;

  var ALL_DAY = /^all_day = (true|false)$/;
  var MOMENT = /^(start|end) = "?(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"?$/;
  var DAY = /^(start|end) = (\d{4}-\d{2}-\d{2})$/;

  // The top-level front-matter lines of a page: from the first, up to
  // the closing `+++` or the first table.
  function topLines(lines) {
    var end = 1;
    while (end < lines.length && lines[end] !== "+++" && lines[end].charAt(0) !== "[") end += 1;
    return end;
  }

  // As saved: an all-day event's start and end become days, and the box
  // itself is left out.
  function daysIfAllDay(lines) {
    var end = topLines(lines);
    var box = lines.slice(1, end).filter(function (line) { return ALL_DAY.test(line); })[0];
    if (!box) return lines;
    var allDay = box === "all_day = true";
    return lines.filter(function (line, at) {
      return !(at > 0 && at < end && ALL_DAY.test(line));
    }).map(function (line, at) {
      var moment = allDay && at > 0 && at < end - 1 && MOMENT.exec(line);
      return moment ? moment[1] + " = " + moment[2] : line;
    });
  }

  // As the form reads it: an event with days alone has the box ticked
  // and its days at midnight, which the date-time picker can show.
  function asEdited(raw) {
    var lines = raw.split("\n");
    if (lines[0] !== "+++") return raw;
    var end = topLines(lines);
    var days = false;
    for (var at = 1; at < end; at += 1) {
      var day = DAY.exec(lines[at]);
      if (day) {
        lines[at] = day[1] + " = " + day[2] + "T00:00:00";
        days = true;
      }
    }
    if (days) lines.splice(1, 0, "all_day = true");
    return lines.join("\n");
  }

  function readAsEdited(entry) {
    return entry && typeof entry.data === "string" ? Object.assign({}, entry, { data: asEdited(entry.data) }) : entry;
  }

  function frontMatterAsRead(raw) {
    var lines = raw.split("\n");
    if (lines[0] !== "+++") return raw;
    lines = daysIfAllDay(lines);
    for (var at = 1; at < lines.length; at += 1) {
      if (lines[at] === "+++" || lines[at].charAt(0) === "[") break;
      var found = QUOTED_DATE.exec(lines[at]);
      if (found && settings.dateKeys.indexOf(found[1]) !== -1) {
        lines[at] = found[1] + " = " + found[2];
      } else if (EMPTY.test(lines[at])) {
        lines.splice(at, 1);
        at -= 1;
      }
    }
    return lines.join("\n");
  }

  function savedAsRead(entry) {
    var dataFiles = entry.dataFiles.map(function (file) {
      return Object.assign({}, file, { raw: frontMatterAsRead(file.raw) });
    });
    return Object.assign({}, entry, { dataFiles: dataFiles });
  }

  function wrapped(backend) {
    return new Proxy(backend, {
      get: function (target, name) {
        var value = target[name];
        if (typeof value !== "function") return value;
        if (name === "entriesByFolder" || name === "allEntriesByFolder") {
          return function () {
            return value.apply(target, arguments).then(function (listed) {
              var kept = entriesOnly(listed);
              kept.forEach(function (entry, at) { kept[at] = readAsEdited(entry); });
              return kept;
            });
          };
        }
        if (name === "getEntry") {
          return function () {
            return value.apply(target, arguments).then(readAsEdited);
          };
        }
        if (name === "persistEntry") {
          return function (entry, options) {
            return value.call(target, savedAsRead(entry), options);
          };
        }
        return value.bind(target);
      },
    });
  }

  ["github", "gitlab", "proxy", "test-repo"].forEach(function (name) {
    var registered = CMS.getBackend(name);
    if (!registered) return;
    var init = registered.init;
    registered.init = function () {
      return wrapped(init.apply(null, arguments));
    };
  });

  // Without a repository ([cms] repo) there is nowhere to save on the live
  // site: say where editing works instead of showing a sign-in that fails.
  function onlyThroughServe() {
    var main = document.createElement("main");
    var heading = document.createElement("h1");
    heading.textContent = "Editing in the browser works on your own computer";
    var text = document.createElement("p");
    text.textContent =
      "Run `reportsite serve` in the website's folder and open /admin/ at the address it prints. " +
      "To edit the live website here too, name its repository in site.toml: [cms] repo = \"owner/name\".";
    main.appendChild(heading);
    main.appendChild(text);
    document.body.appendChild(main);
  }

  var config = { load_config_file: true };
  // `reportsite serve` gives the page its address's per-run token: saving
  // then goes through serve, which checks each page before keeping it.
  var token = document.querySelector('meta[name="reportsite-cms-token"]');
  if (token) {
    config.local_backend = {
      url: location.origin + "/api/v1?token=" + encodeURIComponent(token.content),
    };
  } else if (!settings.liveEditing) {
    onlyThroughServe();
    return;
  }
  CMS.init({ config: config });
})(REPORTSITE_CMS);
