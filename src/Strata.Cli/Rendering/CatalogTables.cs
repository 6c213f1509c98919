using Spectre.Console;
using Strata.Model.Entities;
using Strata.Model.Facts;
using Strata.Rendering.Json;
using Strata.Rendering.Text;
using Table = Spectre.Console.Table;
using TableColumn = Spectre.Console.TableColumn;

namespace Strata.Cli.Rendering;

/// <summary>The catalogue commands' terminal tables.</summary>
public static class CatalogTables
{
    public static void WriteSummary(IAnsiConsole console, Model.Entities.Catalog c, string source, int files, int warnings)
    {
        console.MarkupLineInterpolated($"[green]valid[/]: {source} — {c.Manifest.Name} {c.Manifest.Version} ({c.Digest[..19]}…), {files} files, {DiagnosticsRenderer.Plural(warnings, "warning")}");
        var table = new Table().Border(TableBorder.Simple).AddColumn("entities").AddColumn(new TableColumn("count").RightAligned());
        foreach (var (name, n) in CatalogJson.Counts(c))
        {
            table.AddRow(name, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        console.Write(table);
    }

    public static void WriteList(IAnsiConsole console, Model.Entities.Catalog c, IReadOnlyList<Technology> items)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("id").AddColumn("layer").AddColumn("isolation").AddColumn(new TableColumn("facts").RightAligned()).AddColumn("summary");
        var order = c.Layers.ToDictionary(l => l.Id, l => l.Order, StringComparer.Ordinal);
        foreach (var t in items.OrderBy(t => order.GetValueOrDefault(t.Layer, int.MaxValue)).ThenBy(t => t.Id, StringComparer.Ordinal))
        {
            var iso = t.FactsNamed("isolation").FirstOrDefault()?.Value.Display() ?? "";
            table.AddRow(Markup.Escape(t.Id), Markup.Escape(t.Layer), Markup.Escape(iso),
                t.Facts.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(t.Summary));
        }
        console.Write(table);
        console.MarkupLineInterpolated($"{items.Count} technologies. 'strata catalog show ID' shows one with its facts.");
    }

    public static void WriteTechnology(IAnsiConsole console, Model.Entities.Catalog c, Technology t)
    {
        console.MarkupLineInterpolated($"[bold]{t.Name}[/] ({t.Id}) — layer {t.Layer}");
        console.WriteLine(t.Summary);
        if (t.Homepage is { } h)
        {
            console.WriteLine(h.ToString());
        }
        // Full URLs do not fit a table column: sources are numbered and listed under the table.
        var sources = new List<Model.Evidence.Provenance>();
        string Cite(Model.Evidence.Provenance p)
        {
            if (p is Model.Evidence.SeedReference)
            {
                return $"seed {p.Cite()}";
            }
            var i = sources.IndexOf(p);
            if (i < 0)
            {
                sources.Add(p);
                i = sources.Count - 1;
            }
            return $"{p.Kind} [{i + 1}]";
        }
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("fact").AddColumn("value").AddColumn("measures").AddColumn("provenance").AddColumn("status");
        foreach (var f in t.Facts)
        {
            var status = f.Status is { } s ? DecisionText.Status(s) : "";
            var styled = f.Status is Model.Evidence.ClaimStatus.Contradicted or Model.Evidence.ClaimStatus.Overstated
                ? $"[red]{status}[/]"
                : f.Status is Model.Evidence.ClaimStatus.Unsupported ? $"[yellow]{status}[/]" : status;
            table.AddRow(Markup.Escape(f.Name), Markup.Escape(f.Value.Display()), Markup.Escape(f.Measures ?? ""),
                Markup.Escape(Cite(f.Provenance)), styled);
        }
        console.Write(table);
        WriteStatements(console, "Pros", t.Pros, Cite);
        WriteStatements(console, "Cons", t.Cons, Cite);
        if (sources.Count > 0)
        {
            console.MarkupLine("[bold]Sources[/]");
            for (var i = 0; i < sources.Count; i++)
            {
                var extra = sources[i] is Model.Evidence.SourceReference { Conditions: { } conditions } ? $" — {conditions}" : "";
                console.WriteLine($"  [{i + 1}] {sources[i].Cite()}{extra}");
            }
        }
    }

    private static void WriteStatements(IAnsiConsole console, string title, IEnumerable<Statement> statements, Func<Model.Evidence.Provenance, string> cite)
    {
        var list = statements.ToList();
        if (list.Count == 0)
        {
            return;
        }
        console.MarkupLine($"[bold]{title}[/]");
        foreach (var s in list)
        {
            console.MarkupLineInterpolated($"  • {s.Text} [dim]({cite(s.Provenance)})[/]");
        }
    }

    /// <summary>Per layer the share of technology × term cells with a figure; with a layer (or --gaps), every cell without one.</summary>
    public static void WriteCoverage(IAnsiConsole console, Application.Results.CatalogCoverage coverage, bool gaps)
    {
        var report = coverage.Report;
        var table = new Table().Border(TableBorder.Simple).AddColumn("layer").AddColumn(new TableColumn("cells").RightAligned())
            .AddColumn(new TableColumn("figures").RightAligned()).AddColumn(new TableColumn("unknown").RightAligned())
            .AddColumn(new TableColumn("nothing").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        foreach (var l in report.Layers)
        {
            var share = DecisionText.Percent(l.Share);
            var below = coverage.Required is { } r && l.Share < r - 1e-9;
            table.AddRow(Markup.Escape(l.Layer), N(l.Cells), N(l.Figures), N(l.Unknown), N(l.Nothing), below ? $"[red]{share}[/]" : share);
        }
        console.Write(table);
        var cells = report.Layers.Sum(l => l.Cells);
        var figures = report.Layers.Sum(l => l.Figures);
        console.MarkupLineInterpolated($"{figures} of {cells} cells have a figure the '{report.Evidence}' policy uses ({DecisionText.Percent(cells == 0 ? 1 : (double)figures / cells)}); an 'unknown' cell says where one looked and why there is none.");
        if (coverage.Required is { } required)
        {
            var below = coverage.BelowRequired.Select(l => l.Layer).ToList();
            console.MarkupLineInterpolated($"required {DecisionText.Percent(required)} per layer: {(below.Count == 0 ? "every layer meets it" : $"below it: {string.Join(", ", below)}")}");
        }
        if (!gaps)
        {
            console.MarkupLine("[dim]--gaps (or --layer LAYER) lists the cells without a figure.[/]");
            return;
        }
        foreach (var group in report.Cells.Where(c => c.Status != Engine.Coverage.CoverageStatus.Figure).GroupBy(c => (c.Layer, c.Criterion, c.Term)))
        {
            var nothing = group.Where(c => c.Status == Engine.Coverage.CoverageStatus.Nothing).Select(c => c.Technology).ToList();
            var unknown = group.Where(c => c.Status == Engine.Coverage.CoverageStatus.Unknown).Select(c => c.Technology).ToList();
            console.MarkupLineInterpolated($"  {group.Key.Layer} · {group.Key.Criterion} · {group.Key.Term}: {(nothing.Count > 0 ? $"nothing for {string.Join(", ", nothing)}" : "")}{(nothing.Count > 0 && unknown.Count > 0 ? "; " : "")}{(unknown.Count > 0 ? $"unknown for {string.Join(", ", unknown)}" : "")}");
        }
    }

    /// <summary>Each capability of the vocabulary with the technologies of its layer that have it, have it with another component, lack it, or do not say.</summary>
    public static void WriteCapabilities(IAnsiConsole console, Application.Results.CapabilityTable capabilities)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("layer").AddColumn("capability").AddColumn("have").AddColumn("lack").AddColumn("unknown");
        foreach (var row in capabilities.Rows)
        {
            var have = string.Join(", ", row.Have.Concat(row.HaveWith.Select(w => $"{w.Technology} (with {w.With})")));
            table.AddRow(Markup.Escape(row.Definition.Layer), Markup.Escape(row.Definition.Id), Markup.Escape(have), Markup.Escape(string.Join(", ", row.Lack)), Markup.Escape(string.Join(", ", row.Unknown)));
        }
        console.Write(table);
        console.MarkupLineInterpolated($"{capabilities.Rows.Length} capabilities. A profile asks for them with needs: [[...]] (a hard requirement) or prefers: [[...]] (scored); -o json has each one's summary and synonyms.");
    }

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
