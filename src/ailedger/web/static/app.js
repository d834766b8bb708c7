// ailedger dashboard: draws the Plotly charts whose figures the page carries as JSON data
// blocks, and opens the page of a clicked point. Every page reads fine without this file.
"use strict";

function ownPath(url) {
  return typeof url === "string" && url.startsWith("/") && !url.startsWith("//");
}

function draw(el) {
  const source = document.getElementById(el.dataset.chart);
  if (!source || !window.Plotly) return;
  const figure = JSON.parse(source.textContent);
  const config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["sendDataToCloud"] };
  window.Plotly.newPlot(el, figure.data, figure.layout, config).then(() => {
    el.on("plotly_click", (event) => {
      const point = event.points && event.points[0];
      if (point && ownPath(point.customdata)) window.location.assign(point.customdata);
    });
    el.dataset.ready = "true";
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-chart]").forEach(draw);
});
