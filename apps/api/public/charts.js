/* The two charts, drawn with Apache ECharts: a rate across sub-units, and a rate over the year. */
/* global window, echarts -- a browser script, loaded by index.html */
(function () {
  'use strict';

  const FONT = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif';
  const COLOURS = { met: '#2e7d32', behind: '#d9822b', none: '#9aa5b1', line: '#1f5fa8', target: '#c62828' };
  const charts = new Map();

  function chartFor(el) {
    let chart = charts.get(el);
    if (!chart) {
      chart = echarts.init(el, null, { renderer: 'canvas' });
      charts.set(el, chart);
    }
    return chart;
  }

  const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const percent = (rate) => (rate === null || rate === undefined ? '-' : Math.round(rate * 1000) / 10);

  function targetLine(target, label, position) {
    if (target === null || target === undefined) return undefined;
    return {
      silent: true,
      symbol: 'none',
      lineStyle: { color: COLOURS.target, type: 'dashed', width: 1.5 },
      label: { formatter: position === 'end' ? `${label}\n${percent(target)}%` : `${label} ${percent(target)}%`, position, color: COLOURS.target, fontFamily: FONT },
      data: [{ yAxis: percent(target) }],
    };
  }

  const percentAxis = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { color: '#eef1f4' } } };

  /**
   * Every sub-unit's name under its bar: wrapped onto a few lines where there is room, turned
   * and shortened (the full name in the tooltip) where a bar is narrower than a short name.
   */
  function unitLabels(el, count) {
    const slot = (el.clientWidth - 80) / Math.max(count, 1);
    if (slot >= 64) return { interval: 0, width: slot - 8, overflow: 'break', lineHeight: 14 };
    return { interval: 0, rotate: 40, width: 96, overflow: 'truncate' };
  }

  /**
   * Bars: one indicator's rate in each sub-unit, coloured met/behind, with the target as a line.
   * units: [{unitId, name, rate, numerator, denominator, status}]; onPick(unitId) on a click.
   */
  function renderUnits(el, units, target, labels, onPick) {
    const chart = chartFor(el);
    chart.off('click');
    chart.on('click', (params) => units[params.dataIndex] && onPick(units[params.dataIndex].unitId));
    chart.setOption(
      {
        textStyle: { fontFamily: FONT },
        // Room on the right for the target's label beside the line, never over a bar; the axis
        // labels inside the chart, whatever their length.
        grid: { left: 8, right: 52, top: 28, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'item',
          formatter: (p) => {
            const u = units[p.dataIndex];
            return `${escapeHtml(u.name)}<br/>${labels.rate}: ${percent(u.rate)}${u.rate === null ? '' : '%'} (${u.numerator}/${u.denominator})`;
          },
        },
        xAxis: { type: 'category', data: units.map((u) => u.name), axisLabel: unitLabels(el, units.length), axisTick: { alignWithLabel: true } },
        yAxis: percentAxis,
        series: [
          {
            type: 'bar',
            barMaxWidth: 48,
            cursor: 'pointer',
            label: { show: true, position: 'top', formatter: (p) => (p.value === '-' ? '' : `${p.value}%`) },
            data: units.map((u) => ({ value: percent(u.rate), itemStyle: { color: COLOURS[u.status] ?? COLOURS.none } })),
            markLine: targetLine(target, labels.target, 'end'),
          },
        ],
        animationDuration: 300,
      },
      { notMerge: true },
    );
    chart.resize();
  }

  /** A line: one indicator's rate at every 10-day checkpoint, with the target as a line. */
  function renderProgress(el, checkpoints, indicatorId, target, labels) {
    const chart = chartFor(el);
    const values = checkpoints.map((c) => percent(c.rates[indicatorId]));
    const empty = values.every((v) => v === '-');
    chart.setOption(
      {
        textStyle: { fontFamily: FONT },
        grid: { left: 48, right: 24, top: 28, bottom: 40 },
        tooltip: { trigger: 'axis', valueFormatter: (v) => (v === '-' || v === undefined ? '-' : `${v}%`) },
        xAxis: { type: 'category', data: checkpoints.map((c) => c.day.slice(5)), boundaryGap: false },
        yAxis: percentAxis,
        series: [
          {
            name: labels.rate,
            type: 'line',
            data: values,
            connectNulls: false,
            symbolSize: 5,
            itemStyle: { color: COLOURS.line },
            areaStyle: { color: 'rgba(31, 95, 168, 0.08)' },
            // Rates climb through the year, so the label sits at the start, clear of the line.
            markLine: targetLine(target, labels.target, 'insideStartTop'),
          },
        ],
        graphic: empty ? [{ type: 'text', left: 'center', top: 'middle', style: { text: labels.empty, fill: '#7b8794', fontSize: 14, fontFamily: FONT } }] : [],
        animationDuration: 300,
      },
      { notMerge: true },
    );
  }

  function resizeAll() {
    for (const chart of charts.values()) chart.resize();
  }

  window.addEventListener('resize', resizeAll);
  window.LedgerCharts = { renderUnits, renderProgress, resizeAll };
})();
