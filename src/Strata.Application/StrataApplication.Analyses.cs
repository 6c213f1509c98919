using System.Collections.Immutable;
using Strata.Application.Requests;
using Strata.Application.Results;
using Strata.Catalog.Profiles;
using Strata.Engine;
using Strata.Engine.Audit;
using Strata.Engine.Evidence;
using Strata.Engine.Radar;

namespace Strata.Application;

// Analyses over the catalogue rather than one profile: the matrix view, the audit of the seeds' tables, the radar.
public sealed partial class StrataApplication
{
    /// <summary>001's matrix view: technology chains ranked by score = s · A for a scenario's vector or a given one.</summary>
    public Outcome<RankedChains> Matrix(MatrixRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var catalogue = LoadCatalog(request.Catalog);
        if (catalogue.Value is not { } catalog)
        {
            return catalogue.As<RankedChains>();
        }
        var vector = request.Vector;
        if (request.Scenario is { } id)
        {
            if (catalog.Scenario(id)?.Vector is not { } v)
            {
                var withVector = catalog.Scenarios.Where(x => x.Vector is not null).Select(x => x.Id).ToList();
                return Outcome.BadInput<RankedChains>(RequestPart.Request, new Problem(ProblemCodes.NoVector, Messages.NoVector(id, withVector)));
            }
            vector = v.Value;
        }
        for (var i = 0; i < vector.Length; i++)
        {
            if (!double.IsFinite(vector[i]) || vector[i] < 0)
            {
                return Outcome.BadInput<RankedChains>(RequestPart.Request, new Problem(ProblemCodes.BadVector, Messages.BadVectorComponent(i, vector[i])));
            }
        }
        try
        {
            return Outcome.Success(new RankedChains(request.Scenario, Engine.Matrix.MatrixView.Rank(catalog, vector, request.Scenario)));
        }
        catch (ArgumentException e)
        {
            // The matrix says how many components a vector has; the engine tells a wrong length this way.
            return Outcome.BadInput<RankedChains>(RequestPart.Request, new Problem(ProblemCodes.BadVector, e.Message.Split(" (Parameter", StringSplitOptions.None)[0].TrimEnd('.')));
        }
    }

    /// <summary>
    /// The seeds' decision tables recomputed from their own inputs: one table, the evaluation table of a case, or
    /// (<paramref name="id"/> null) every table that states weights or a priority order. A domain "no" when a defect changes a winner.
    /// </summary>
    public Outcome<TableAudits> Audit(CatalogLocation location, string? id = null)
    {
        var catalogue = LoadCatalog(location);
        if (catalogue.Value is not { } catalog)
        {
            return catalogue.As<TableAudits>();
        }
        ImmutableArray<Model.Entities.Table> tables;
        if (id is null)
        {
            tables = [.. catalog.Tables.Where(t => t.Evaluation is not null)];
        }
        else if (catalog.Table(id) is { } table)
        {
            tables = [table];
        }
        else if (catalog.Case(id)?.Evaluation is { } evaluation && catalog.Table(evaluation) is { } caseTable)
        {
            tables = [caseTable];
        }
        else
        {
            return Outcome.BadInput<TableAudits>(RequestPart.Request, new Problem(ProblemCodes.UnknownTable,
                Messages.UnknownTable(id, catalog.Tables.Select(x => x.Id).Concat(catalog.Cases.Select(x => x.Id)))));
        }
        var audits = new TableAudits([.. tables.Select(TableAuditor.Audit)]);
        return Outcome.Answer(audits, !audits.DefectChangesAWinner);
    }

    /// <summary>A technology radar from the engine's verdicts, for one scenario or (null) every scenario; <paramref name="cancel"/> stops its decisions.</summary>
    public Outcome<TechnologyRadar> Radar(CatalogLocation location, string? scenario = null, string evidence = "sourced", CancellationToken cancel = default)
    {
        if (UnknownEvidence(evidence) is { } unknown)
        {
            return Outcome.BadInput<TechnologyRadar>(RequestPart.Request, unknown);
        }
        var catalogue = LoadCatalog(location);
        if (catalogue.Value is not { } catalog)
        {
            return catalogue.As<TechnologyRadar>();
        }
        if (scenario is not null && catalog.Scenario(scenario) is null)
        {
            return Outcome.BadInput<TechnologyRadar>(RequestPart.Request,
                new Problem(ProblemCodes.UnknownScenario, Messages.UnknownScenario(scenario, catalog.Scenarios.Select(s => s.Id))));
        }
        var profiles = catalog.Scenarios.Where(s => scenario is null || s.Id == scenario).Select(ProfileLoader.FromScenario);
        var engine = new DecisionEngine(catalog) { Facts = FactSelector.For(evidence), Cancel = cancel };
        return Outcome.Success(new TechnologyRadar(TechRadar.Build(catalog, profiles, engine)));
    }
}
