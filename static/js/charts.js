// Draw every chart on the page with plotly.js. Each chart's figure travels as JSON in a
// <script type="application/json"> written by Django's json_script, so the page needs no
// inline JavaScript and the Content Security Policy can forbid it.
(function () {
  "use strict";

  var CONFIG = { displayModeBar: false, responsive: true, displaylogo: false };

  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-chart-data"));
    if (!source || !window.Plotly) {
      return;
    }
    var figure = JSON.parse(source.textContent);
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
