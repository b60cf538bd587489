// Draw every chart on the page with plotly.js. Each chart's figure travels as JSON in a
// <script type="application/json"> written by Django's json_script, so the page needs no
// inline JavaScript and the Content Security Policy can forbid it.
(function () {
  "use strict";

  var CONFIG = { displayModeBar: false, responsive: true, displaylogo: false };

  // Plotly never wraps a title: break long ones into lines that fit the chart's width, so that on a
  // phone (320 px, or 400% zoom) the title stays readable and the page never scrolls sideways.
  function wrap(text, width, pixelsPerCharacter) {
    var most = Math.max(12, Math.floor(width / pixelsPerCharacter));
    var lines = [];
    var line = "";
    String(text).split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > most) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) {
      lines.push(line);
    }
    return lines.join("<br>");
  }

  function fitTitles(layout, width) {
    if (layout.title && layout.title.text) {
      layout.title.text = wrap(layout.title.text, width - 20, 10);
      if (layout.title.text.indexOf("<br>") !== -1 && layout.margin) {
        layout.margin.t = (layout.margin.t || 60) + 22 * (layout.title.text.split("<br>").length - 1);
      }
    }
    if (layout.xaxis && layout.xaxis.title && layout.xaxis.title.text) {
      layout.xaxis.title.text = wrap(layout.xaxis.title.text, width - 90, 8);
    }
  }

  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-chart-data"));
    if (!source || !window.Plotly) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    fitTitles(figure.layout || {}, element.clientWidth || 320);
    window.Plotly.newPlot(element, figure.data, figure.layout, CONFIG);
  }

  function resizeAll() {
    document.querySelectorAll(".js-chart.js-plotly-plot").forEach(function (element) {
      window.Plotly.Plots.resize(element);
    });
  }

  document.querySelectorAll(".js-chart").forEach(draw);
  // Charts are drawn at screen width; redraw them to fit an A4 page when printing.
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
})();
