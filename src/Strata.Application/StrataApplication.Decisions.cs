using Strata.Application.Requests;
using Strata.Application.Results;
using Strata.Engine;
using Strata.Engine.Decisions;
using Strata.Engine.Evidence;
using Strata.Engine.Migration;
using Strata.Engine.Planning;
using Strata.Model.Entities;

namespace Strata.Application;

// Decisions on one profile: each loads what it needs through Prepare, then asks its own engine.
public sealed partial class StrataApplication
{
    /// <summary>
    /// The whole answer for a profile: the ranking, eliminations, trees, robustness (when the request asks
    /// for it) and, when nothing is feasible, the smallest relaxations. A domain "no" when nothing is feasible.
    /// </summary>
    public Outcome<Decision> Decide(DecisionRequest request)
    {
        var prepared = Prepare(request);
        if (prepared.Value is not { } inputs)
        {
            return prepared.As<Decision>();
        }
        Catalog.Loading.StartupTrace.Mark("inputs loaded (catalogue, profile)");
        var decision = inputs.Engine.DecideFully(inputs.Profile, request.Robustness);
        Catalog.Loading.StartupTrace.Mark("decided (with robustness if asked)");
        return Outcome.Answer(decision, decision.Feasible, prepared.Diagnostics);
    }

    /// <summary>
    /// The profile as <see cref="Decide"/> would decide it, loaded and checked the same way (evidence policy,
    /// catalogue, measurements, profile, host facts, node, weights) but not decided: bad input exactly when
    /// <see cref="Decide"/> would be, since deciding itself never is. For a caller that decides many variants of
    /// one profile later (a fleet's classes) and must refuse a broken profile before it starts.
    /// </summary>
    public Outcome<Profile> Check(DecisionRequest request)
    {
        var prepared = Prepare(request);
        return prepared.Value is { } inputs ? Outcome.Success(inputs.Profile, prepared.Diagnostics) : prepared.As<Profile>();
    }

    /// <summary>
    /// One stack (<c>layer=id,…</c> or bare ids; the layers left out are filled from the best feasible stack with
    /// those choices) examined against the profile. A domain "no" when that stack is not feasible.
    /// </summary>
    public Outcome<Explanation> Explain(DecisionRequest request, string stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var prepared = Prepare(request);
        if (prepared.Value is not { } inputs)
        {
            return prepared.As<Explanation>();
        }
        var problems = new List<Problem>();
        if (StackParser.Parse(stack, inputs.Catalog, "stack", problems) is not { } asked)
        {
            return Outcome.BadInput<Explanation>(RequestPart.Request, prepared.Diagnostics, [.. problems]);
        }
        var decision = inputs.Engine.Decide(inputs.Profile);
        var assessment = inputs.Engine.ExplainPartial(inputs.Profile, asked, decision);
        return Outcome.Answer(new Explanation(decision, asked, assessment), assessment.Feasible, prepared.Diagnostics);
    }

    /// <summary>Two stacks side by side for the profile, criterion by criterion, and which criteria decide between them.</summary>
    public Outcome<StackComparison> Compare(DecisionRequest request, string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var prepared = Prepare(request);
        if (prepared.Value is not { } inputs)
        {
            return prepared.As<StackComparison>();
        }
        var problems = new List<Problem>();
        var a = StackParser.Parse(first, inputs.Catalog, "a", problems);
        var b = StackParser.Parse(second, inputs.Catalog, "b", problems);
        if (a is null || b is null)
        {
            return Outcome.BadInput<StackComparison>(RequestPart.Request, prepared.Diagnostics, [.. problems]);
        }
        var decision = inputs.Engine.Decide(inputs.Profile);
        var assessedA = inputs.Engine.ExplainPartial(inputs.Profile, a, decision);
        var assessedB = inputs.Engine.ExplainPartial(inputs.Profile, b, decision);
        var comparison = DecisionEngine.Compare(assessedA.AsRanked(), assessedB.AsRanked());
        return Outcome.Success(new StackComparison(decision, assessedA, assessedB, comparison), prepared.Diagnostics);
    }

    /// <summary>
    /// The decision to write down (an ADR, a report): the full decision with the request's robustness, and the
    /// implementation plan for its winner. A domain "no" (with no plan) when nothing is feasible.
    /// </summary>
    public Outcome<DecisionReport> Report(DecisionRequest request)
    {
        var prepared = Prepare(request);
        if (prepared.Value is not { } inputs)
        {
            return prepared.As<DecisionReport>();
        }
        var decision = inputs.Engine.DecideFully(inputs.Profile, request.Robustness);
        var plan = Planner.Plan(inputs.Catalog, decision, inputs.Engine.Facts);
        return Outcome.Answer(new DecisionReport(decision, plan, inputs.Catalog), decision.Feasible, prepared.Diagnostics);
    }

    /// <summary>
    /// The steps from today's stack (<paramref name="from"/>, default the profile's <c>current:</c>) to the target
    /// (<paramref name="to"/>, default the recommended stack). A domain "no" when there is no target because nothing
    /// is feasible.
    /// </summary>
    public Outcome<MigrationPlan> Migrate(DecisionRequest request, string? from = null, string? to = null)
    {
        var prepared = Prepare(request);
        if (prepared.Value is not { } inputs)
        {
            return prepared.As<MigrationPlan>();
        }
        var problems = new List<Problem>();
        var start = from is null ? inputs.Profile.Current : StackParser.Parse(from, inputs.Catalog, "from", problems);
        var target = to is null ? null : StackParser.Parse(to, inputs.Catalog, "to", problems);
        if (problems.Count > 0)
        {
            return Outcome.BadInput<MigrationPlan>(RequestPart.Request, prepared.Diagnostics, [.. problems]);
        }
        if (start is null)
        {
            return Outcome.BadInput<MigrationPlan>(RequestPart.Profile, prepared.Diagnostics, new Problem(ProblemCodes.NoCurrentStack, Messages.NoCurrentStack));
        }
        if (target is null)
        {
            if (inputs.Engine.Decide(inputs.Profile).Winner is not { } winner)
            {
                return Outcome.No<MigrationPlan>(new Problem(ProblemCodes.NothingFeasible, Messages.NothingFeasible), prepared.Diagnostics);
            }
            target = winner.Stack;
        }
        return Outcome.Success(MigrationPlanner.Plan(inputs.Catalog, inputs.Profile, start, target), prepared.Diagnostics);
    }

    /// <summary>The profile decided twice, on the seeds' figures and on primary sources, and where the answers differ (the request's evidence policy is not used).</summary>
    public Outcome<EvidenceComparison> DiffEvidence(DecisionRequest request)
    {
        var prepared = Prepare(request);
        return prepared.Value is { } inputs
            ? Outcome.Success(EvidenceDiff.Compare(inputs.Catalog, inputs.Profile), prepared.Diagnostics)
            : prepared.As<EvidenceComparison>();
    }

    /// <summary>One of the catalogue's decision trees walked on the profile: each question, the condition that held, the outcome.</summary>
    public Outcome<TreeWalk> WalkTree(DecisionRequest request, string treeId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(treeId);
        // The tree is checked before the profile is read: a wrong tree id is the first thing to fix.
        var catalogue = LoadCatalog(request.Catalog);
        if (catalogue.Value is not { } catalog)
        {
            return catalogue.As<TreeWalk>();
        }
        if (catalog.Tree(treeId) is not { } tree)
        {
            return Outcome.BadInput<TreeWalk>(RequestPart.Request,
                new Problem(ProblemCodes.UnknownTree, Messages.UnknownTree(treeId, [.. catalog.Trees.Select(t => t.Id)])));
        }
        var prepared = Prepare(request);
        return prepared.Value is { } inputs
            ? Outcome.Success(new TreeWalk(tree, inputs.Profile, inputs.Engine.Walk(tree, inputs.Profile)), prepared.Diagnostics)
            : prepared.As<TreeWalk>();
    }
}
