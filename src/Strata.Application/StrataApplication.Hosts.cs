using Strata.Application.Requests;
using Strata.Application.Results;
using Strata.Host.Measure;
using Strata.Host.Probe;

namespace Strata.Application;

// The host as evidence: what it can do, and what the isolation tools cost on it.
public sealed partial class StrataApplication
{
    /// <summary>What this host can do, read without changing it; <paramref name="deep"/> also tries to boot a KVM guest.</summary>
    public HostReport Probe(bool deep) => new HostProbe().Run(deep, Today);

    /// <summary>
    /// Cold start and peak memory of the isolation tools on this host, each tool named with the catalogue
    /// technology it stands for. <paramref name="progress"/> hears (tool, run, runs) as the runs go. When the
    /// catalogue cannot be used the measurements stand without technologies, and the outcome carries the
    /// catalogue's diagnostics.
    /// </summary>
    public Outcome<Measurement> Measure(MeasureRequest request, Action<string, int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var known = ToolRunner.Known.Select(k => k.Tool).ToList();
        var unknown = request.Tools.Where(t => !known.Contains(t)).ToList();
        if (unknown.Count > 0)
        {
            return Outcome.BadInput<Measurement>(RequestPart.Request, new Problem(ProblemCodes.UnknownTool, Messages.UnknownTools(unknown, known)));
        }
        var probe = new HostProbe().Run(deep: false, Today);
        string Fact(string name) => probe.Facts.FirstOrDefault(f => f.Name == name)?.Value ?? "?";
        var host = $"{Fact("arch")}, {Fact("cpus")} CPUs, {Fact("memory")}, kernel {Fact("kernel")}, {probe.Cgroups} cgroups";
        MeasureReport report;
        bool interrupted;
        using (var runner = new ToolRunner())
        {
            report = runner.Run(request.Tools, request.Runs, host, progress);
            interrupted = runner.Cancelled;
        }
        var catalogue = LoadCatalog(request.Catalog);
        if (catalogue.Value is { } catalog)
        {
            report = report with
            {
                Tools = [.. report.Tools.Select(t => t with { Technology = catalog.Technologies.FirstOrDefault(x => x.Tool == t.Tool)?.Id })],
            };
        }
        return new Outcome<Measurement>(OutcomeKind.Success, new Measurement(report, interrupted), catalogue.Diagnostics, catalogue.Problems);
    }
}
