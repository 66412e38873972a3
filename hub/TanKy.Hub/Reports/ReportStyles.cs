namespace TanKy.Hub.Reports;

/// <summary>The report's inline style sheet: screen and A4 print, no external fonts or files.</summary>
internal static class ReportStyles
{
    public const string Css = """
        @page { size: A4; margin: 14mm 12mm; }
        body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; max-width: 190mm; margin: 0 auto; }
        h1 { font-size: 16pt; text-align: center; margin: 4mm 0 1mm; text-transform: uppercase; }
        h2 { font-size: 12.5pt; border-bottom: 1px solid #888; margin-top: 7mm; page-break-after: avoid; }
        .sub { text-align: center; color: #444; margin: 0; }
        table { border-collapse: collapse; width: 100%; margin: 2mm 0; page-break-inside: auto; }
        tr { page-break-inside: avoid; }
        th, td { border: 1px solid #bbb; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
        th { background: #eef2f5; font-weight: 600; }
        td.num { text-align: right; white-space: nowrap; }
        .kpi { display: flex; flex-wrap: wrap; gap: 3mm; }
        .kpi div { border: 1px solid #bbb; padding: 2mm 3mm; min-width: 38mm; }
        .kpi b { display: block; font-size: 14pt; }
        .note { color: #555; font-style: italic; }
        .nodata { border: 1px dashed #999; padding: 3mm; color: #555; }
        svg { max-width: 100%; height: auto; font-size: 10px; }
        svg .grid { stroke: #ddd; stroke-width: 1; }
        svg .axis { fill: #555; font-size: 9px; }
        svg .small { font-size: 8px; }
        svg .value { font-size: 9px; }
        svg .bar-good { fill: #2e7d32; } svg .bar-fair { fill: #f9a825; } svg .bar-poor { fill: #c62828; } svg .bar-none { fill: #bbb; }
        svg .line { fill: none; stroke: #1565c0; stroke-width: 2; }
        svg .line-1 { stroke: #2e7d32; } svg .line-2 { stroke: #ef6c00; } svg .line-3 { stroke: #6a1b9a; } svg .line-4 { stroke: #c62828; } svg .line-5 { stroke: #00838f; }
        svg .legend { font-size: 9px; }
        svg .strip { fill: #e8f5e9; } svg .outage { fill: #c62828; }
        .flag { color: #c62828; font-size: 9pt; }
        @media print { .pagebreak { page-break-before: always; } a { color: inherit; text-decoration: none; } }
        """;
}
