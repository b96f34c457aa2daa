// The browser side of the report: draws every chart spec (report/chart.ts) with uPlot. Plain ES2019 in a string,
// inlined into the page after uPlot; `window.reportDraw(specs)` draws again with new data (the live page,
// report/livePage.ts). It records what it drew in `window.reportCharts` (id, the finite points of each series, and the
// tick labels of both axes as drawn), and `window.reportChartData(id)` gives a chart's data as drawn, for the browser
// tests and for anyone checking a report by script.
//
// Both scripts are String.raw: a backslash is kept as written (in a plain template literal `/\.?0+$/` would reach the
// browser as `/.?0+$/`, which strips any character before the zeros: "2.0 s" became "2. s").

/**
 * The tick and value formatters, on their own so a test can evaluate them outside a browser: defines `reportTicks`.
 * Ticks get the decimals their step needs (steps of 0.25 give two, steps of 5 none), the same for every tick of an
 * axis, so whole numbers never sit beside a "0.0".
 */
export const TICKS_SCRIPT = String.raw`var reportTicks = (function () {
  function decimalsFor(step) {
    step = Math.abs(step);
    for (var d = 0; d < 10; d++) {
      var scaled = step * Math.pow(10, d);
      if (Math.abs(scaled - Math.round(scaled)) <= 1e-6 * Math.max(1, scaled)) return d;
    }
    return 10;
  }
  // The smallest gap between splits, when uPlot gives no step.
  function stepOf(splits, step) {
    if (step > 0 && isFinite(step)) return step;
    var best = Infinity;
    for (var i = 1; i < splits.length; i++) {
      var gap = Math.abs(splits[i] - splits[i - 1]);
      if (gap > 0 && gap < best) best = gap;
    }
    return isFinite(best) ? best : 1;
  }
  function ticks(splits, step, suffix) {
    step = stepOf(splits, step);
    var top = 0;
    splits.forEach(function (v) { if (v != null && isFinite(v)) top = Math.max(top, Math.abs(v)); });
    var div = top >= 1e6 ? 1e6 : top >= 1e4 ? 1e3 : 1;
    var mark = div === 1e6 ? 'M' : div === 1e3 ? 'k' : '';
    var d = decimalsFor(step / div);
    return splits.map(function (v) {
      if (v == null) return '';
      if (Math.abs(v) < step * 1e-9) v = 0;
      return (v / div).toFixed(d) + mark + (suffix || '');
    });
  }
  function clock(s) {
    var sign = s < 0 ? '-' : '';
    s = Math.abs(Math.round(s));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var mm = (h > 0 && m < 10 ? '0' : '') + m, ss = (sec < 10 ? '0' : '') + sec;
    return sign + (h > 0 ? h + ':' : '') + mm + ':' + ss;
  }
  // One value (a legend, a tooltip): up to two decimals, trailing zeros and a bare point dropped.
  function number(v) {
    if (v == null) return '';
    var a = Math.abs(v);
    return a >= 1e6 ? (v / 1e6).toFixed(1) + 'M' : a >= 1e4 ? (v / 1e3).toFixed(0) + 'k' : a >= 100 ? v.toFixed(0) : a >= 1 ? v.toFixed(2).replace(/\.?0+$/, '') : a === 0 ? '0' : v.toPrecision(2);
  }
  function seconds(s) {
    return s == null ? '' : s.toFixed(s < 10 ? 2 : 1).replace(/\.?0+$/, '') + ' s';
  }
  // A 'tail' axis: x = -log10(1 - p/100). Back to the percentile, as p50, p90, p99, p99.9.
  function tailLabel(x) {
    if (x == null) return '';
    var p = 100 * (1 - Math.pow(10, -x));
    return 'p' + String(Math.round(p * 1000) / 1000);
  }
  var TAIL_PERCENTILES = [50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99];
  function tailSplits(min, max) {
    return TAIL_PERCENTILES.map(function (p) { return -Math.log10(1 - p / 100); }).filter(function (x) { return x >= min - 1e-9 && x <= max + 1e-9; });
  }
  return { decimalsFor: decimalsFor, ticks: ticks, clock: clock, number: number, seconds: seconds, tailLabel: tailLabel, tailSplits: tailSplits };
})();
`;

export const CHART_SCRIPT =
  String.raw`(function () {
` +
  TICKS_SCRIPT +
  String.raw`
  var COLORS = ['#1d4ed8', '#d97706', '#15803d', '#b91c1c', '#7c3aed', '#0e7490'];
  var REFERENCE = '#6b7280';
  var t = reportTicks;
  // Plots by chart id, so the live page can give a chart new data (reportDraw again) instead of a new plot.
  var plots = {};
  var order = [];
  function dataOf(spec) { return [spec.x].concat(spec.series.map(function (s) { return s.values; })); }
  function pointsOf(values) { return values.filter(function (v) { return v != null && isFinite(v); }).length; }
  // What decides how a chart is built (its series, its axes); a spec of the same shape only needs setData.
  function shapeOf(spec) {
    var short = spec.xAxis === 'elapsed' && spec.x.length > 0 && spec.x[spec.x.length - 1] < 60;
    return JSON.stringify([spec.xAxis, spec.yLabel, short, spec.series.map(function (s) { return [s.label, !!s.reference, !!s.pointsOnly, !!s.wide]; }), spec.marks || []]);
  }
  function create(spec) {
    var slot = document.querySelector('[data-chart="' + spec.id + '"] .plot');
    if (!slot) throw new Error('report: no slot for chart ' + spec.id);
    var width = Math.max(480, Math.min(960, slot.clientWidth || 960));
    var short = spec.xAxis === 'elapsed' && spec.x.length > 0 && spec.x[spec.x.length - 1] < 60;
    var tail = spec.xAxis === 'tail';
    var xValue = spec.xAxis === 'elapsed' ? (short ? t.seconds : t.clock) : tail ? t.tailLabel : t.number;
    // What each axis showed when last drawn: its labels, and for x where they sit (pixels from the plot's left).
    var shown = { x: [], xAt: [], y: [] };
    var colour = 0;
    var series = [{ label: spec.xAxis === 'elapsed' ? 'elapsed' : (spec.xLabel || 'x'), value: function (u, v) { return v == null ? '' : xValue(v); } }];
    spec.series.forEach(function (s) {
      var stroke = s.reference ? REFERENCE : COLORS[colour++ % COLORS.length];
      var options = { label: s.label, stroke: stroke, width: s.reference ? 1.5 : s.wide ? 5 : 2, value: function (u, v) { return v == null ? '' : t.number(v) + ' ' + spec.yLabel; } };
      if (s.reference) options.dash = [6, 4];
      if (s.pointsOnly) { options.paths = function () { return null; }; options.points = { show: true, size: 9, stroke: stroke, fill: stroke }; }
      // A value between two gaps has no line to be part of: draw the points then, or it would not show at all.
      else options.points = { show: s.values.some(function (v, i) { return v != null && s.values[i - 1] == null && s.values[i + 1] == null; }), size: 5, fill: stroke };
      series.push(options);
    });
    var xAxis = {
      label: spec.xAxis === 'elapsed' ? (short ? 'seconds since start' : 'time since start (m:ss)') : (spec.xLabel || ''),
      values: function (u, splits, axisIdx, space, step) {
        var labels = spec.xAxis === 'elapsed' ? (short ? t.ticks(splits, step, ' s') : splits.map(t.clock)) : tail ? splits.map(t.tailLabel) : t.ticks(splits, step);
        shown.x = labels;
        shown.xAt = splits.map(function (v) { return u.valToPos(v, 'x'); });
        return labels;
      },
    };
    if (tail) xAxis.splits = function (u, axisIdx, min, max) { return t.tailSplits(min, max); };
    var axes = [
      xAxis,
      { label: spec.yLabel, size: 60, values: function (u, splits, axisIdx, space, step) { return (shown.y = t.ticks(splits, step)); } },
    ];
    // Marked spans (nemesis events): a shaded band from signal to recovery, a line at the signal, the label beside it.
    var marks = spec.marks || [];
    var drawMarks = function (u) {
      if (marks.length === 0) return;
      var ctx = u.ctx, ratio = window.devicePixelRatio || 1, left = u.bbox.left, right = u.bbox.left + u.bbox.width;
      ctx.save();
      marks.forEach(function (m, i) {
        var from = Math.max(left, u.valToPos(m.from, 'x', true)), to = Math.min(right, u.valToPos(m.to, 'x', true));
        if (from > right || to < left) return;
        ctx.fillStyle = 'rgba(185, 28, 28, 0.12)';
        ctx.fillRect(from, u.bbox.top, Math.max(2 * ratio, to - from), u.bbox.height);
        ctx.strokeStyle = '#b91c1c';
        ctx.lineWidth = ratio;
        ctx.beginPath();
        ctx.moveTo(from, u.bbox.top);
        ctx.lineTo(from, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.fillStyle = '#b91c1c';
        ctx.font = 10 * ratio + 'px sans-serif';
        ctx.textAlign = 'left';
        ctx.textBaseline = 'alphabetic';
        ctx.fillText(m.label, from + 3 * ratio, u.bbox.top + (12 + 12 * (i % 3)) * ratio);
      });
      ctx.restore();
    };
    var plot = new uPlot({ width: width, height: 260, scales: { x: { time: false } }, series: series, axes: axes, legend: { live: true }, hooks: { draw: [drawMarks] } }, dataOf(spec), slot);
    return {
      plot: plot,
      shape: shapeOf(spec),
      record: {
        id: spec.id,
        width: plot.width,
        height: plot.height,
        yLabel: spec.yLabel,
        ticks: shown,
        marks: marks.map(function (m) { return m.label; }),
        series: spec.series.map(function (s, i) {
          return { label: s.label, reference: !!s.reference, stroke: series[i + 1].stroke, points: pointsOf(s.values) };
        }),
      },
    };
  }
  // Draws each spec: a new plot for a chart not drawn yet (or whose series changed), new data for one already drawn.
  window.reportDraw = function (specs) {
    specs.forEach(function (spec) {
      var drawn = plots[spec.id];
      if (drawn && drawn.shape === shapeOf(spec)) {
        drawn.plot.setData(dataOf(spec));
        drawn.record.series.forEach(function (s, i) { s.points = pointsOf(spec.series[i].values); });
        return;
      }
      if (drawn) drawn.plot.destroy();
      else order.push(spec.id);
      plots[spec.id] = create(spec);
    });
    window.reportCharts = order.map(function (id) { return plots[id].record; });
  };
  // The data a chart holds as drawn (x, then each series), for a script comparing pages (the live page at the end against report.html).
  window.reportChartData = function (id) { return plots[id] ? plots[id].plot.data : null; };
  window.reportDraw(JSON.parse(document.getElementById('report-charts').textContent));
})();
`;
