// Council name suggestions for the compare page's "Add a council" field.
// Without this script the field still works: the browser may offer the <datalist>, and the
// server matches the typed name. With it, a list of matching names appears under the field,
// chosen with the arrow keys and Enter or by a click, and announced to screen readers.
(function () {
  "use strict";

  var MAX_SHOWN = 10;

  function setUp(group) {
    var input = group.querySelector("input[list]");
    var datalist = document.getElementById(input.getAttribute("list"));
    if (!input || !datalist) {
      return;
    }
    var names = Array.prototype.map.call(datalist.options, function (option) {
      return option.value;
    });
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "app-autocomplete__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Matching councils");
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "govuk-visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    input.removeAttribute("list");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    var active = -1;

    function matches(text) {
      var query = text.trim().toLowerCase();
      if (!query) {
        return [];
      }
      var starts = names.filter(function (name) {
        return name.toLowerCase().indexOf(query) === 0;
      });
      var contains = names.filter(function (name) {
        return name.toLowerCase().indexOf(query) > 0;
      });
      return starts.concat(contains).slice(0, MAX_SHOWN);
    }

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        // The list scrolls within its own height (compare.css): keep the chosen option in sight.
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(name) {
      input.value = name;
      close();
      input.form.submit();
    }

    function show() {
      var found = matches(input.value);
      list.innerHTML = "";
      found.forEach(function (name, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.className = "app-autocomplete__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = name;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(name);
        });
        list.appendChild(option);
      });
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      active = -1;
      status.textContent = input.value.trim()
        ? found.length + (found.length === 1 ? " council matches" : " councils match")
        : "";
    }

    input.addEventListener("input", show);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      var count = list.querySelectorAll("[role=option]").length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        highlight((active + 1) % count);
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        highlight(active <= 0 ? count - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(list.querySelectorAll("[role=option]")[active].textContent);
      } else if (event.key === "Escape") {
        close();
      }
    });
  }

  document.querySelectorAll("[data-app-autocomplete]").forEach(setUp);
})();
