// Draws every <div data-chart='{"type": "line"|"bar", "categories": [...], "series": [{"name", "data"}]}'> with
// the vendored Apache ECharts. The table under each chart holds the same figures, for screen readers and copying.
(function () {
  if (!window.echarts) return;
  var charts = [];
  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var spec = JSON.parse(element.dataset.chart);
    var horizontal = spec.type === "bar" && spec.horizontal;
    var categoryAxis = { type: "category", data: spec.categories, axisLabel: { hideOverlap: true } };
    var valueAxis = { type: "value", minInterval: 1 };
    var chart = echarts.init(element, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      aria: { enabled: true },
      tooltip: { trigger: "axis" },
      legend: spec.series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 8, right: 16, top: spec.series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? Object.assign({}, categoryAxis, { inverse: true }) : valueAxis,
      series: spec.series.map(function (s) {
        return { name: s.name, type: spec.type, data: s.data, showSymbol: false };
      }),
    });
    element.setAttribute("data-chart-drawn", "true");
    charts.push(chart);
  });
  window.addEventListener("resize", function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
})();
