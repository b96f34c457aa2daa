// The browser side of the report: draws every chart spec (report/chart.ts) with uPlot. Plain ES2019 in a string,
// inlined into the page after uPlot. It records what it drew in `window.reportCharts` (id and the finite points of
// each series) for the browser test and for anyone checking a report by script.

export const CHART_SCRIPT = `(function () {
  var COLORS = ['#1d4ed8', '#d97706', '#15803d', '#b91c1c', '#7c3aed', '#0e7490'];
  var REFERENCE = '#6b7280';
  function clock(s) {
    var sign = s < 0 ? '-' : '';
    s = Math.abs(Math.round(s));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var mm = (h > 0 && m < 10 ? '0' : '') + m, ss = (sec < 10 ? '0' : '') + sec;
    return sign + (h > 0 ? h + ':' : '') + mm + ':' + ss;
  }
  function number(v) {
    if (v == null) return '';
    var a = Math.abs(v);
    return a >= 1e6 ? (v / 1e6).toFixed(1) + 'M' : a >= 1e4 ? (v / 1e3).toFixed(0) + 'k' : a >= 100 ? v.toFixed(0) : a >= 1 ? v.toFixed(2).replace(/\\.?0+$/, '') : v.toPrecision(2);
  }
  var specs = JSON.parse(document.getElementById('report-charts').textContent);
  var drawn = [];
  specs.forEach(function (spec) {
    var slot = document.querySelector('[data-chart="' + spec.id + '"] .plot');
    if (!slot) throw new Error('report: no slot for chart ' + spec.id);
    var width = Math.max(480, Math.min(960, slot.clientWidth || 960));
    var short = spec.xAxis === 'elapsed' && spec.x.length > 0 && spec.x[spec.x.length - 1] < 60;
    var elapsed = short ? function (s) { return s == null ? '' : s.toFixed(s < 10 ? 2 : 1).replace(/\.?0+$/, '') + ' s'; } : clock;
    var colour = 0;
    var series = [{ label: spec.xAxis === 'elapsed' ? 'elapsed' : (spec.xLabel || 'x'), value: function (u, v) { return v == null ? '' : spec.xAxis === 'elapsed' ? elapsed(v) : number(v); } }];
    spec.series.forEach(function (s) {
      var stroke = s.reference ? REFERENCE : COLORS[colour++ % COLORS.length];
      var options = { label: s.label, stroke: stroke, width: s.reference ? 1.5 : s.wide ? 5 : 2, value: function (u, v) { return number(v); } };
      if (s.reference) options.dash = [6, 4];
      if (s.pointsOnly) { options.paths = function () { return null; }; options.points = { show: true, size: 9, stroke: stroke, fill: stroke }; }
      // A value between two gaps has no line to be part of: draw the points then, or it would not show at all.
      else options.points = { show: s.values.some(function (v, i) { return v != null && s.values[i - 1] == null && s.values[i + 1] == null; }), size: 5, fill: stroke };
      series.push(options);
    });
    var axes = [
      { label: spec.xAxis === 'elapsed' ? (short ? 'seconds since start' : 'time since start (m:ss)') : (spec.xLabel || ''), values: function (u, splits) { return splits.map(spec.xAxis === 'elapsed' ? elapsed : number); } },
      { label: spec.yLabel, size: 60, values: function (u, splits) { return splits.map(number); } },
    ];
    var plot = new uPlot({ width: width, height: 260, scales: { x: { time: false } }, series: series, axes: axes, legend: { live: true } }, [spec.x].concat(spec.series.map(function (s) { return s.values; })), slot);
    drawn.push({
      id: spec.id,
      width: plot.width,
      height: plot.height,
      series: spec.series.map(function (s, i) {
        return { label: s.label, reference: !!s.reference, stroke: series[i + 1].stroke, points: s.values.filter(function (v) { return v != null && isFinite(v); }).length };
      }),
    });
  });
  window.reportCharts = drawn;
})();
`;
