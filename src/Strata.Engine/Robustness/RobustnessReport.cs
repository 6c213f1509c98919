using System.Collections.Immutable;
using Strata.Model.Entities;

namespace Strata.Engine.Robustness;

/// <summary>
/// How far one criterion's weight can move (the others rescaled proportionally) while the winner stays
/// the winner; <see cref="Below"/> and <see cref="Above"/> are the stacks that take over at each end.
/// </summary>
public sealed record WeightInterval(string Criterion, double Weight, double Low, double High, Stack? Below, Stack? Above);

/// <summary>A stack's probability of each rank (index 0 = rank 1) under sampled figures (and, optionally, weights).</summary>
public sealed record Acceptability(Stack Stack, ImmutableArray<double> RankProbabilities);

public sealed record MonteCarloResult(int Samples, int Seed, bool SampledWeights, ImmutableArray<Acceptability> Acceptability, double WinnerConfidence, int Candidates);

/// <summary>A stack and how often it ranked first.</summary>
public sealed record StackProbability(Stack Stack, double Probability);

/// <summary>
/// First-rank acceptability over all <see cref="Stacks"/> feasible stacks (comonotonic figures; see
/// <see cref="MonteCarlo.RunAll"/>): every stack that won at least one sample, most often first.
/// </summary>
public sealed record FirstRankAcceptability(int Samples, int Seed, int Stacks, ImmutableArray<StackProbability> Winners);

public sealed record MethodCheck(Stack WeightedSum, Stack Topsis, bool Agree, double TopsisCloseness);

public sealed record RobustnessReport(
    ImmutableArray<WeightInterval> WeightStability,
    MonteCarloResult? MonteCarlo,
    ImmutableArray<Stack> Pareto,
    int ParetoCount,
    MethodCheck? Methods,
    FirstRankAcceptability? AllStacks = null);

/// <summary>A smallest set of requirements whose relaxation makes the profile feasible, with the stacks it admits.</summary>
public sealed record Relaxation(ImmutableArray<string> Relax, ImmutableArray<Stack> Admits, ImmutableArray<double> Scores);

public sealed record RobustnessOptions(int Samples = 2000, int Seed = 42, int Candidates = 20, bool SampleWeights = false, double WeightSpread = 0.2);
