using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Strata.Engine.Decisions;
using Strata.Engine.Scoring;
using Strata.Model.Entities;
using Strata.Model.Weights;

namespace Strata.Engine.Robustness;

public sealed partial class MonteCarlo
{
    /// <summary>
    /// First-rank acceptability over every feasible stack, not only the top candidates, drawn as <see cref="Run"/> draws:
    /// every figure on its own within its range (a technology's figure the same in every stack of a sample; a missing
    /// figure over the term's whole range), so two stacks whose figures are uncertain independently can change places.
    /// A stack's score is a sum of units that stacks share — each unit the weighted value of one term of one criterion
    /// for one set of readings, grouped by the layers the term reads — so a sample evaluates every unit once and every
    /// stack is a handful of gathers and adds (<see cref="LargeScaleAcceptability"/>).
    /// </summary>
    public FirstRankAcceptability RunAll(ImmutableArray<RankedStack> ranking, RobustnessOptions options, OrdinalWeights? space = null)
    {
        var n = ranking.Length;
        var (slots, plan) = Plan(ranking);
        var weighted = Enumerable.Range(0, catalog.Criteria.Length).Where(k => ranking[0].Criteria[k].Weight > 0).ToArray();
        var weights = weighted.Select(k => (float)ranking[0].Criteria[k].Weight).ToArray();
        var model = new TermModel([.. slots], weights, options.SampleWeights ? (float)options.WeightSpread : 0, Sampler(ranking, space, weighted));
        var stackUnits = model.Build(plan, weighted, out var width);

        // Stacks with the same units (they differ only where no weighted criterion looks, or in figures that are
        // equal) tie in every sample: sample each distinct row once and share its wins equally, the expectation of a
        // random tie-break, instead of handing them all to whichever stack the ranking lists first.
        var rows = new RowComparer(stackUnits, width);
        var groupOf = new Dictionary<int, int>(rows);
        var members = new List<List<int>>();
        for (var c = 0; c < n; c++)
        {
            if (!groupOf.TryGetValue(c, out var g))
            {
                g = members.Count;
                groupOf[c] = g;
                members.Add([]);
            }
            members[g].Add(c);
        }
        var distinct = new int[members.Count * width];
        for (var g = 0; g < members.Count; g++)
        {
            Array.Copy(stackUnits, members[g][0] * width, distinct, g * width, width);
        }
        var counts = LargeScaleAcceptability.FirstRankCounts(model, distinct, members.Count, options.Samples, options.Seed, cancel: options.Cancel);
        var winners = Enumerable.Range(0, members.Count).Where(g => counts[g] > 0)
            .SelectMany(g => members[g].Select(c => (Stack: c, P: (double)counts[g] / members[g].Count / options.Samples)))
            .OrderByDescending(x => x.P).ThenBy(x => x.Stack)
            .Select(x => new StackProbability(ranking[x.Stack].Stack, x.P))
            .ToImmutableArray();
        return new FirstRankAcceptability(options.Samples, options.Seed, n, winners);
    }

    /// <summary>With a priority order or bounds, the weighted criteria's weights drawn from the set they allow (SMAA-2).</summary>
    private static WeightSampler? Sampler(ImmutableArray<RankedStack> ranking, OrdinalWeights? space, int[] weighted)
    {
        if (space is null)
        {
            return null;
        }
        var ids = ranking[0].Criteria.Select(x => x.Criterion).ToArray();
        var draw = WeightDraw(space, ids, [.. ranking[0].Criteria.Select(x => x.Weight)]);
        return (random, w) =>
        {
            Span<double> all = stackalloc double[ids.Length];
            draw(random, all);
            for (var j = 0; j < weighted.Length; j++)
            {
                w[j] = (float)all[weighted[j]];
            }
        };
    }

    /// <summary>Compares stacks by their rows of unit indices.</summary>
    private sealed class RowComparer(int[] units, int width) : IEqualityComparer<int>
    {
        public bool Equals(int a, int b) => units.AsSpan(a * width, width).SequenceEqual(units.AsSpan(b * width, width));

        public int GetHashCode(int a)
        {
            var h = new HashCode();
            h.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(units.AsSpan(a * width, width)));
            return h.ToHashCode();
        }
    }

    /// <summary>
    /// The engine's scoring as units. A term unit is one term of one weighted criterion with its readings (fixed values,
    /// or sums of slots) and its share of the criterion (term weight over the weights of the terms that apply to the
    /// stack); it is worth share · value(readings), times the criterion's weight. A term unit whose value cannot move
    /// (fixed readings, or figures clamped at an end of the scale) is a constant, keyed by its value, so stacks that
    /// differ only there share it. A stack's term units are summed in groups (the terms reading the same layers; the
    /// constants), and a group — what the kernel gathers — is shared by every stack with the same term units in it.
    /// </summary>
    private sealed class TermModel(Slot[] slots, float[] weights, float spread, WeightSampler? sampler) : SampleModel
    {
        private readonly List<ValueTerm?> _term = [];
        private readonly List<double> _share = [];
        private readonly List<int> _criterion = [];
        private readonly List<double> _constant = [];
        private readonly List<int> _readingStart = [0];
        private readonly List<double> _readingFixed = [];
        private readonly List<int> _slotStart = [0];
        private readonly List<int> _slots = [];
        private readonly List<int> _groupStart = [0];
        private readonly List<int> _groupUnits = [];
        private readonly Slot[] _slotTable = slots;
        private readonly bool[] _uncertain = [.. slots.Select(Uncertain)];
        private readonly float[] _weights = weights;
        private readonly float _spread = spread;
        private readonly WeightSampler? _sampler = sampler;
        private int _groups;

        public override int Units => _groups;

        /// <summary>Turns every stack's plan into term units and groups; returns the stacks' rows of groups, <paramref name="width"/> wide.</summary>
        public int[] Build(TermPlan[][][] plan, int[] weighted, out int width)
        {
            var n = plan.Length;
            var unitOf = new Dictionary<string, int>(StringComparer.Ordinal);
            var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
            var layerKey = new Dictionary<ValueTerm, string>(ReferenceEqualityComparer.Instance);
            var termId = new Dictionary<ValueTerm, int>(ReferenceEqualityComparer.Instance);
            // A term's value moves one way in each of its raw figures (aggregates and scales are monotone), so it cannot
            // move at all when it is the same with every figure at its lowest and at its highest.
            var low = _slotTable.Select(s => Math.Min(At(s, 0), At(s, 1))).ToArray();
            var high = _slotTable.Select(s => Math.Max(At(s, 0), At(s, 1))).ToArray();
            var key = new StringBuilder();
            var rows = new List<int[]>(n);
            var units = new List<(string Group, int Unit)>();
            Span<double> raws = stackalloc double[16];
            for (var c = 0; c < n; c++)
            {
                units.Clear();
                for (var j = 0; j < weighted.Length; j++)
                {
                    var terms = plan[c][weighted[j]];
                    var total = terms.Sum(t => t.Term.Weight);
                    if (terms.Length == 0 || total == 0)
                    {
                        units.Add(("", Constant(j, StackScorer.NoDataValue)));
                        continue;
                    }
                    foreach (var t in terms)
                    {
                        var share = t.Term.Weight / total;
                        var v0 = share * TermValue(t, low, raws);
                        var v1 = share * TermValue(t, high, raws);
                        if (v0 == v1)
                        {
                            units.Add(("", Constant(j, v0)));
                            continue;
                        }
                        key.Clear().Append(j).Append('|').Append(TermId(t.Term)).Append('|').Append(BitConverter.DoubleToInt64Bits(share));
                        foreach (var r in t.Readings)
                        {
                            key.Append(double.IsNaN(r.Fixed) ? "|s" : "|f" + BitConverter.DoubleToInt64Bits(r.Fixed).ToString(CultureInfo.InvariantCulture));
                            foreach (var s in r.Slots)
                            {
                                key.Append(',').Append(s);
                            }
                        }
                        var k = key.ToString();
                        if (!unitOf.TryGetValue(k, out var id))
                        {
                            id = Add(t.Term, share, j, double.NaN, t.Readings);
                            unitOf[k] = id;
                        }
                        units.Add((LayerKey(t.Term), id));
                    }
                }
                units.Sort((a, b) => a.Group != b.Group ? string.CompareOrdinal(a.Group, b.Group) : a.Unit.CompareTo(b.Unit));
                var row = new List<int>();
                for (var i = 0; i < units.Count;)
                {
                    var e = i;
                    key.Clear().Append(units[i].Group);
                    while (e < units.Count && units[e].Group == units[i].Group)
                    {
                        key.Append(',').Append(units[e++].Unit);
                    }
                    var k = key.ToString();
                    if (!groupOf.TryGetValue(k, out var g))
                    {
                        g = _groups++;
                        groupOf[k] = g;
                        for (var x = i; x < e; x++)
                        {
                            _groupUnits.Add(units[x].Unit);
                        }
                        _groupStart.Add(_groupUnits.Count);
                    }
                    row.Add(g);
                    i = e;
                }
                rows.Add([.. row]);
            }
            width = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Length));
            var table = new int[n * width];
            Array.Fill(table, _groups); // the empty unit
            for (var c = 0; c < n; c++)
            {
                rows[c].CopyTo(table, c * width);
            }
            return table;

            string LayerKey(ValueTerm term)
            {
                if (!layerKey.TryGetValue(term, out var k))
                {
                    layerKey[term] = k = term.AllLayers ? "*" : string.Join(",", term.Layers.Order(StringComparer.Ordinal));
                }
                return k;
            }

            int TermId(ValueTerm term)
            {
                if (!termId.TryGetValue(term, out var id))
                {
                    termId[term] = id = termId.Count;
                }
                return id;
            }

            int Constant(int j, double value)
            {
                var k = "c" + j.ToString(CultureInfo.InvariantCulture) + "|" + BitConverter.DoubleToInt64Bits(value).ToString(CultureInfo.InvariantCulture);
                if (!unitOf.TryGetValue(k, out var id))
                {
                    id = Add(null, 1, j, value, []);
                    unitOf[k] = id;
                }
                return id;
            }
        }

        private int Add(ValueTerm? term, double share, int criterion, double constant, ReadingPlan[] readings)
        {
            _term.Add(term);
            _share.Add(share);
            _criterion.Add(criterion);
            _constant.Add(constant);
            foreach (var r in readings)
            {
                _readingFixed.Add(r.Fixed);
                _slots.AddRange(r.Slots);
                _slotStart.Add(_slots.Count);
            }
            _readingStart.Add(_readingFixed.Count);
            return _term.Count - 1;
        }

        public override BlockFiller NewFiller() => new Filler(this);

        private sealed class Filler(TermModel model) : BlockFiller
        {
            private readonly ValueTerm?[] _term = [.. model._term];
            private readonly double[] _share = [.. model._share];
            private readonly int[] _criterion = [.. model._criterion];
            private readonly double[] _constant = [.. model._constant];
            private readonly int[] _readingStart = [.. model._readingStart];
            private readonly double[] _readingFixed = [.. model._readingFixed];
            private readonly int[] _slotStart = [.. model._slotStart];
            private readonly int[] _slotIds = [.. model._slots];
            private readonly int[] _groupStart = [.. model._groupStart];
            private readonly int[] _groupUnits = [.. model._groupUnits];
            private readonly Slot[] _slotTable = model._slotTable;
            private readonly double[] _values = new double[model._slotTable.Length];
            private readonly double[] _unit = new double[model._term.Count];
            private readonly float[] _w = new float[model._weights.Length];

            public override void Fill(int seed, int count, float[] contributions)
            {
                var figures = new BlockRandom(seed);
                var random = model._sampler is null ? null : new Random(seed);
                Span<double> raws = stackalloc double[16];
                for (var k = 0; k < count; k++)
                {
                    RangeSampleModel.DrawWeights(model._weights, model._spread, model._sampler, random, ref figures, _w);
                    for (var i = 0; i < _slotTable.Length; i++)
                    {
                        _values[i] = model._uncertain[i] ? At(_slotTable[i], figures.NextDouble()) : _slotTable[i].Fixed;
                    }
                    for (var u = 0; u < _unit.Length; u++)
                    {
                        if (_term[u] is not { } term)
                        {
                            _unit[u] = _w[_criterion[u]] * _constant[u];
                            continue;
                        }
                        var n = 0;
                        for (var r = _readingStart[u]; r < _readingStart[u + 1] && n < raws.Length; r++)
                        {
                            var raw = _readingFixed[r];
                            if (double.IsNaN(raw))
                            {
                                raw = 0;
                                for (var s = _slotStart[r]; s < _slotStart[r + 1]; s++)
                                {
                                    raw += _values[_slotIds[s]];
                                }
                            }
                            raws[n++] = raw;
                        }
                        _unit[u] = _w[_criterion[u]] * _share[u] * StackScorer.TermValue(term, raws[..n]);
                    }
                    for (var g = 0; g < _groupStart.Length - 1; g++)
                    {
                        var sum = 0.0;
                        for (var i = _groupStart[g]; i < _groupStart[g + 1]; i++)
                        {
                            sum += _unit[_groupUnits[i]];
                        }
                        contributions[g * LargeScaleAcceptability.Block + k] = (float)sum;
                    }
                }
            }
        }
    }
}
