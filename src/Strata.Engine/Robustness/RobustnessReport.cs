using System.Collections.Immutable;
using Strata.Model.Entities;

namespace Strata.Engine.Robustness;

/// <summary>
/// How far one criterion's weight can move (the others rescaled proportionally) while the winner stays
/// the winner; <see cref="Below"/> and <see cref="Above"/> are the stacks that take over at each end.
/// </summary>
public sealed record WeightInterval(string Criterion, double Weight, double Low, double High, Stack? Below, Stack? Above);

/// <summary>A stack's probability of each rank (index 0 = rank 1) under sampled figures (and, optionally, weights).</summary>
public sealed record Acceptability(Stack Stack, ImmutableArray<double> RankProbabilities)
{
    /// <summary>
    /// SMAA-2's central weight vector: the mean of the sampled (normalised) weightings under which this stack ranked
    /// first; null when weights were not sampled or it never ranked first.
    /// </summary>
    public ImmutableSortedDictionary<string, double>? CentralWeights { get; init; }

    /// <summary>SMAA-2's confidence factor: the share of samples of the figures in which this stack ranks first at its central weights.</summary>
    public double? Confidence { get; init; }
}

/// <summary>How a Monte Carlo pass drew its figures; the JSON's <c>model</c>.</summary>
public static class DrawModel
{
    /// <summary>Every uncertain figure on its own within its range (a missing one over the term's whole range); a technology's figure is the same in every stack of a sample.</summary>
    public const string Independent = "independent";
}

public sealed record MonteCarloResult(int Samples, int Seed, bool SampledWeights, ImmutableArray<Acceptability> Acceptability, double WinnerConfidence, int Candidates)
{
    /// <summary>How the figures were drawn (<see cref="DrawModel"/>).</summary>
    public string Model { get; init; } = DrawModel.Independent;

    /// <summary>When weights were drawn uniformly from the set a priority order or bounds allow (SMAA-2): those statements.</summary>
    public Model.Weights.WeightStatements? WeightSpace { get; init; }

    /// <summary>The stack with the highest first-rank acceptability (the table's first stack wins a tie), null with no candidates.</summary>
    public Stack? MostAcceptable => Acceptability.IsEmpty ? null
        : Acceptability.Select((a, i) => (a, i)).OrderByDescending(x => x.a.RankProbabilities[0]).ThenBy(x => x.i).First().a.Stack;
}

/// <summary>A stack and how often it ranked first.</summary>
public sealed record StackProbability(Stack Stack, double Probability);

/// <summary>
/// First-rank acceptability over all <see cref="Stacks"/> feasible stacks (figures drawn as <see cref="Model"/> says; see
/// <see cref="MonteCarlo.RunAll"/>): every stack that won at least one sample, most often first.
/// </summary>
public sealed record FirstRankAcceptability(int Samples, int Seed, int Stacks, ImmutableArray<StackProbability> Winners)
{
    /// <summary>How the figures were drawn (<see cref="DrawModel"/>).</summary>
    public string Model { get; init; } = DrawModel.Independent;
}

public sealed record MethodCheck(Stack WeightedSum, Stack Topsis, bool Agree, double TopsisCloseness);

public sealed record RobustnessReport(
    ImmutableArray<WeightInterval> WeightStability,
    MonteCarloResult? MonteCarlo,
    ImmutableArray<Stack> Pareto,
    int ParetoCount,
    MethodCheck? Methods,
    FirstRankAcceptability? AllStacks = null);

/// <summary>
/// How far the search for the smallest relaxations of an infeasible profile goes. Both search sets of one, then two,
/// then three, in the same order, and list the relaxations the same way; <see cref="First"/> stops as soon as the
/// first of that list is certain, so it gives that one relaxation (the one a caller that reads only the first would read)
/// and decides fewer relaxed profiles.
/// </summary>
public enum RelaxationSearch
{
    /// <summary>Every smallest relaxation: all sets of the smallest size that admit a stack.</summary>
    All,

    /// <summary>Only the first relaxation <see cref="All"/> would list (an empty list when it lists none).</summary>
    First,
}

/// <summary>A smallest set of requirements whose relaxation makes the profile feasible, with the stacks it admits.</summary>
public sealed record Relaxation(ImmutableArray<string> Relax, ImmutableArray<Stack> Admits, ImmutableArray<double> Scores);

public sealed record RobustnessOptions(int Samples = 2000, int Seed = 42, int Candidates = 20, bool SampleWeights = false, double WeightSpread = 0.2)
{
    /// <summary>Stops the sampling early (a server's per-request time limit): the sampling loops throw <see cref="OperationCanceledException"/> within a few dozen samples of it.</summary>
    public CancellationToken Cancel { get; init; }
}
