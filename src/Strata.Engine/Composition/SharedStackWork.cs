using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Strata.Engine.Conditions;
using Strata.Engine.Decisions;
using Strata.Engine.Evidence;
using Strata.Model.Entities;

namespace Strata.Engine.Composition;

/// <summary>
/// The compatibility check of each stack — which rule it breaks, or which supporting components it brings and what its
/// members bundle — shared between decisions on one catalogue whose profiles differ only in what that check does not
/// read: a fleet's node classes (arm64 agents of 960 MiB and of 3.8 GiB check every stack alike). The rest of a decision
/// (each technology's and each stack's matching, the scores) stays each decision's own: its scores are not a function
/// of the stack alone (a reading shared by stacks with the same components in a layer is labelled by the first stack
/// scored), so sharing them would change what a decision reports, not only how fast.
/// </summary>
/// <remarks>
/// What the check reads of a profile, and so its key (<see cref="For"/>): the truth of the catalogue's rule conditions
/// (which compatibility rules are active), the holds_when of the facts the arch constraint compares (which figure says
/// where a supporting component runs), the host facts (a supporting component needs what the host offers), what the
/// requirements forbid and allow, the arch asked and the evidence policy. Decisions with equal keys get the same answer
/// for a stack, so a cached answer is the one the decision would have computed. Safe to share between threads.
/// </remarks>
public sealed class SharedStackWork
{
    /// <summary>Answers kept in all (a fleet of few classes keeps a few tens of thousands); past this, work is done and not kept.</summary>
    public const int MaxEntries = 2_000_000;

    private readonly Model.Entities.Catalog _catalog;
    private readonly ImmutableArray<ConditionText> _conditions;
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private int _entries;
    private long _hits;

    public SharedStackWork(Model.Entities.Catalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        var archFact = catalog.Vocabulary.Constraints.TryGetValue("arch", out var arch) ? arch.Fact : null;
        _conditions = [.. catalog.Rules.Select(r => r.When)
            .Concat(catalog.Technologies.SelectMany(t => t.Facts).Where(f => f.Name == archFact).Select(f => f.HoldsWhen))
            .OfType<ConditionText>()];
    }

    /// <summary>How many distinct keys decisions asked for (each one a set of answers computed once).</summary>
    public int Keys => _slots.Count;

    /// <summary>How many stack checks were answered from another decision's work.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>
    /// The shared answers for a decision on <paramref name="catalog"/> with these inputs; null when the decision is on
    /// another catalogue (measurements applied make a new one), which then shares nothing.
    /// </summary>
    public Slot? For(Model.Entities.Catalog catalog, ProfileView view, EffectiveRequirements requirements, ConditionEvaluator evaluator, FactSelector selector)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(requirements);
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(selector);
        if (!ReferenceEquals(catalog, _catalog))
        {
            return null;
        }
        var key = new StringBuilder(_conditions.Length + 256).Append(selector.Name).Append('|');
        foreach (var c in _conditions)
        {
            key.Append(evaluator.Evaluate(c.Condition) switch { Truth.True => 'T', Truth.False => 'F', _ => 'U' });
        }
        key.Append("|host");
        foreach (var (name, present) in view.Host)
        {
            key.Append(' ').Append(name).Append('=').Append(present ? '1' : '0');
        }
        key.Append("|forbid");
        foreach (var id in requirements.Forbid.Keys)
        {
            key.Append(' ').Append(id);
        }
        key.Append("|allow");
        foreach (var a in requirements.Allowances)
        {
            key.Append(' ').Append(a.Layer).Append(':').AppendJoin(',', a.Technologies).Append('@').Append(a.Origin.Id);
        }
        key.Append("|arch ").Append(requirements.Constraints.TryGetValue("arch", out var arch) ? arch.Value.GetType().Name + ":" + arch.Value.Display() : "-");
        return _slots.GetOrAdd(key.ToString(), _ => new Slot(this));
    }

    private bool Room() => Volatile.Read(ref _entries) < MaxEntries;

    private void Added() => Interlocked.Increment(ref _entries);

    /// <summary>A stack's compatibility check: the rule it breaks, or the supporting components and bundled technologies of its view.</summary>
    public sealed record Checked(StackComposer.Violation? Violation, ImmutableArray<SupportingComponent> Supporting, IReadOnlySet<string> Bundled);

    /// <summary>The answers shared by the decisions of one key.</summary>
    public sealed class Slot
    {
        private readonly SharedStackWork _owner;
        private readonly ConcurrentDictionary<Stack, Checked> _checked = new();

        internal Slot(SharedStackWork owner) => _owner = owner;

        public Checked Check(Stack stack, Func<Stack, Checked> check)
        {
            ArgumentNullException.ThrowIfNull(check);
            if (_checked.TryGetValue(stack, out var known))
            {
                Interlocked.Increment(ref _owner._hits);
                return known;
            }
            var result = check(stack);
            if (_owner.Room() && _checked.TryAdd(stack, result))
            {
                _owner.Added();
            }
            return result;
        }
    }
}
