// Draws the leadership overview's chart from the JSON the page carries (no inline script: CSP).
(function () {
  "use strict";
  var canvas = document.getElementById("per-month-chart");
  var source = document.getElementById("per-month-data");
  if (!canvas || !source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  // Eight categories, eight colours that stay apart (Chart.js repeats after seven).
  var colours = ["#0d6efd", "#dc3545", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#ffc107", "#6c757d"];
  data.datasets.forEach(function (dataset, index) {
    dataset.backgroundColor = colours[index % colours.length];
  });
  new Chart(canvas, {
    type: "bar",
    data: data,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
    },
  });
})();
