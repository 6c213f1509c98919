using System.Collections.Immutable;
using Strata.Engine.Decisions;
using Strata.Model.Entities;

namespace Strata.Engine.Composition;

/// <summary>
/// A stack with everything that runs in it: each layer's choice, the supporting components its rules bring
/// (crun hosting WasmEdge, Kata making Firecracker a pod runtime, containerd under Kubernetes) and what the
/// chosen technologies bundle. Figures, capabilities and isolation are read over these members.
/// </summary>
public sealed class StackView
{
    private readonly Dictionary<string, List<string>> _byLayer = new(StringComparer.Ordinal);

    public StackView(Stack stack, IReadOnlyList<SupportingComponent> supporting, IReadOnlySet<string> bundled, Func<string, string?> layerOf)
        : this(stack, supporting, bundled, layerOf, null)
    {
    }

    /// <param name="members">The stack's technologies and supporting components as a set, when the caller has it already (kept as <see cref="MemberSet"/>; not copied).</param>
    public StackView(Stack stack, IReadOnlyList<SupportingComponent> supporting, IReadOnlySet<string> bundled, Func<string, string?> layerOf, HashSet<string>? members)
    {
        _memberSet = members;
        Stack = stack;
        Supporting = [.. supporting];
        Bundled = bundled;
        foreach (var (layer, ids) in stack.Entries)
        {
            Add(layer, ids[0]);
        }
        foreach (var s in supporting)
        {
            if (layerOf(s.Technology) is { } layer)
            {
                Add(layer, s.Technology);
            }
        }
        Members = [.. stack.TechnologyIds.Concat(supporting.Select(s => s.Technology)).Distinct(StringComparer.Ordinal)];
    }

    public Stack Stack { get; }

    public ImmutableArray<SupportingComponent> Supporting { get; }

    /// <summary>Technologies a member bundles (K3s bundles flannel and containerd): their cost is counted in the bundler's figure.</summary>
    public IReadOnlySet<string> Bundled { get; }

    /// <summary>Every technology in the stack: the choices, then the supporting components.</summary>
    public ImmutableArray<string> Members { get; }

    /// <summary>The members of a layer: its choice first, then supporting components of that layer (empty when the stack has neither).</summary>
    public IReadOnlyList<string> InLayer(string layer) => _byLayer.TryGetValue(layer, out var l) ? l : [];

    /// <summary>The members as a set, built once: facts that hold via a component and capabilities are read against it for every term.</summary>
    public IReadOnlySet<string> MemberSet => _memberSet ??= Members.ToHashSet(StringComparer.Ordinal);

    private HashSet<string>? _memberSet;
    private string? _key;

    public bool Contains(string id) => MemberSet.Contains(id);

    private void Add(string layer, string id)
    {
        if (!_byLayer.TryGetValue(layer, out var list))
        {
            _byLayer[layer] = list = [];
        }
        if (!list.Contains(id))
        {
            list.Add(id);
        }
    }

    private Dictionary<string, string>? _signatures;

    /// <summary>
    /// A key for caches of what one layer gives: its members and, for each, the components its facts hold via that
    /// the stack has (so stacks with the same choice and helpers in a layer share one reading of it).
    /// </summary>
    public string LayerSignature(string layer, Func<string, ImmutableArray<string>> viasOf)
    {
        _signatures ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (_signatures.TryGetValue(layer, out var signature))
        {
            return signature;
        }
        var sb = new System.Text.StringBuilder(layer).Append('=');
        foreach (var id in InLayer(layer))
        {
            sb.Append(id);
            foreach (var via in viasOf(id))
            {
                if (Contains(via))
                {
                    sb.Append('~').Append(via);
                }
            }
            sb.Append(',');
        }
        return _signatures[layer] = sb.ToString();
    }

    /// <summary>What the scorer keeps of this stack (its criteria's inputs), owned by the scorer that made it.</summary>
    internal object? ScorerState { get; set; }

    /// <summary>A key for caches: the members, in order.</summary>
    public string Key => _key ??= string.Join(",", Members);
}
